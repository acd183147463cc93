package dev.wasmworkers.runtime;

import java.io.IOException;
import java.util.Set;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;

/**
 * Turns worker files of some kinds, told apart by their extension, into programs.
 *
 * <p>
 * An optional module contributes a runtime by naming its class, which needs a public
 * constructor without arguments, in
 * {@code META-INF/services/dev.wasmworkers.runtime.WorkerRuntime}; see
 * {@link WorkerRuntimes#defaults(dev.wasmworkers.engine.WasmEngine)}. A runtime is shared
 * by every worker of its kind and must be thread-safe.
 */
public interface WorkerRuntime {

	/**
	 * The extensions of the files this runtime runs, without the dot.
	 * @return the extensions, such as {@code wasm}
	 */
	Set<String> extensions();

	/**
	 * Reads and compiles one worker file, once, at start-up.
	 * @param source the worker file
	 * @param config the worker's configuration
	 * @return the program run for each request
	 * @throws WorkerLoadException when the file cannot be served, with the reason
	 * @throws IOException when the file cannot be read
	 */
	WasmProgram load(WorkerSource source, WorkerConfig config) throws WorkerLoadException, IOException;

}
