package dev.wasmworkers.runtime.python;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.MountedFolder;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.engine.python.PythonEngine;
import dev.wasmworkers.runtime.WorkerRuntime;
import dev.wasmworkers.runtime.WorkerSourceText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code .py} files, wws Python workers, on CPython 3.13 for WASI with the wws
 * Python API ({@code worker(request)}, {@code Request}, {@code Response}, {@code Cache};
 * see docs/python.md).
 *
 * <p>
 * Found by the core with a {@link java.util.ServiceLoader} when this module is on the
 * class path. The runtime's module is parsed when the first Python worker is loaded, so a
 * server without one never pays for it. Each worker's file runs once, when it is loaded;
 * a syntax error, an exception or a missing {@code worker} function makes the worker fail
 * to load, naming the file, the line and the message.
 */
public final class PythonRuntime implements WorkerRuntime {

	private static final Logger logger = LoggerFactory.getLogger(PythonRuntime.class);

	private static @Nullable PythonEngine engine;

	@Override
	public Set<String> extensions() {
		return Set.of("py");
	}

	@Override
	public WasmProgram load(WorkerSource source, WorkerConfig config) throws WorkerLoadException, IOException {
		String code = WorkerSourceText.read(source);
		List<MountedFolder> mounts = config.folders()
			.stream()
			.map((folder) -> MountedFolder.of(folder.from(), folder.to()))
			.toList();
		return engine(source.relativePath()).load(source.relativePath(), code, config.vars(), mounts);
	}

	/**
	 * The engine, started on first use.
	 * @param workerName the worker that needs it, for the error
	 * @return the engine
	 * @throws WorkerLoadException when it cannot start
	 */
	static synchronized PythonEngine engine(String workerName) throws WorkerLoadException {
		if (engine == null) {
			try {
				engine = PythonEngine.start();
				logger.info("Started the Python runtime (CPython 3.13 for WASI) in {} ms; each run needs {} MiB of"
						+ " memory", engine.startTime().toMillis(), engine.requiredPages() / 16);
			}
			catch (RuntimeException ex) {
				throw new WorkerLoadException(workerName, "the Python runtime cannot start: " + ex.getMessage(), ex);
			}
		}
		return engine;
	}

}
