package dev.wasmworkers.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Set;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;

/**
 * Runs {@code .wasm} files: each is a WebAssembly module, compiled as it is.
 */
public final class NativeRuntime implements WorkerRuntime {

	private final WasmEngine engine;

	/**
	 * Creates the runtime.
	 * @param engine compiles the modules
	 */
	public NativeRuntime(WasmEngine engine) {
		this.engine = engine;
	}

	@Override
	public Set<String> extensions() {
		return Set.of("wasm");
	}

	@Override
	public WasmProgram load(WorkerSource source, WorkerConfig config) throws WorkerLoadException, IOException {
		return this.engine.compile(source.relativePath(), Files.readAllBytes(source.file()));
	}

}
