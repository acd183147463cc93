package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.file.Files;

import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and compiles one worker file, turning every failure into a failed worker instead
 * of an exception.
 */
public final class WorkerLoader {

	private static final Logger logger = LoggerFactory.getLogger(WorkerLoader.class);

	private final WasmEngine engine;

	/**
	 * Creates a loader that compiles with the given engine.
	 * @param engine the engine that compiles modules
	 */
	public WorkerLoader(WasmEngine engine) {
		this.engine = engine;
	}

	/**
	 * Loads one worker: reads its file and compiles it once.
	 * @param source the worker file
	 * @return a served worker, or a failed one with the reason (also logged with the
	 * file)
	 */
	public Worker load(WorkerSource source) {
		try {
			WasmProgram program = this.engine.compile(source.relativePath(), Files.readAllBytes(source.file()));
			logger.debug("Compiled worker {} in {} ms", source.relativePath(), program.compileTime().toMillis());
			return Worker.served(source, program);
		}
		catch (IOException ex) {
			return failed(source, "cannot read the file: " + ex.getMessage());
		}
		catch (WorkerLoadException ex) {
			return failed(source, ex.getMessage());
		}
	}

	private static Worker failed(WorkerSource source, String reason) {
		logger.error("Worker {} ({}) cannot be served; its route {} answers 500: {}", source.relativePath(),
				source.file(), source.route().path(), reason);
		return Worker.failed(source, reason);
	}

}
