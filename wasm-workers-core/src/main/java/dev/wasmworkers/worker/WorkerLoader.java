package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import dev.wasmworkers.config.FolderMount;
import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.config.WorkerConfigException;
import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.MountedFolder;
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

	private final WorkerConfigReader configReader;

	/**
	 * Creates a loader.
	 * @param engine the engine that compiles modules
	 * @param configReader reads the TOML file beside each worker
	 */
	public WorkerLoader(WasmEngine engine, WorkerConfigReader configReader) {
		this.engine = engine;
		this.configReader = configReader;
	}

	/**
	 * Loads one worker: reads its configuration, prepares its mounts and compiles its
	 * file once.
	 * @param source the worker file
	 * @return a served worker, or a failed one with the reason (also logged with the
	 * file)
	 */
	public Worker load(WorkerSource source) {
		WorkerConfig config;
		try {
			config = this.configReader.read(source.file());
		}
		catch (WorkerConfigException ex) {
			return failed(source, WorkerConfig.empty(), "invalid configuration: " + ex.getMessage());
		}
		try {
			List<MountedFolder> mounts = config.folders().stream().map(WorkerLoader::mount).toList();
			WasmProgram program = this.engine.compile(source.relativePath(), Files.readAllBytes(source.file()));
			logger.debug("Compiled worker {} in {} ms", source.relativePath(), program.compileTime().toMillis());
			return Worker.served(source, config, program, mounts);
		}
		catch (IllegalArgumentException ex) {
			return failed(source, config, "cannot mount a folder: " + ex.getMessage());
		}
		catch (IOException ex) {
			return failed(source, config, "cannot read the file: " + ex.getMessage());
		}
		catch (WorkerLoadException ex) {
			return failed(source, config, ex.getMessage());
		}
	}

	private static MountedFolder mount(FolderMount folder) {
		return MountedFolder.of(folder.from(), folder.to());
	}

	private static Worker failed(WorkerSource source, WorkerConfig config, String reason) {
		logger.error("Worker {} ({}) cannot be served; its route {} answers 500: {}", source.relativePath(),
				source.file(), source.route().path(), reason);
		return Worker.failed(source, config, reason);
	}

}
