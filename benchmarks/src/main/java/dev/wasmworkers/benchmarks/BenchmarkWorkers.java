package dev.wasmworkers.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.config.WorkerLimits;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.runtime.WorkerRuntime;

/**
 * Set-up shared by the invocation benchmarks: the baseline worker, the request input and
 * the run request.
 */
final class BenchmarkWorkers {

	/** The smallest possible worker: a WAT module that only writes a fixed output. */
	private static final String MINIMAL_WORKER = "(module"
			+ " (import \"wasi_snapshot_preview1\" \"fd_write\" (func $w (param i32 i32 i32 i32) (result i32)))"
			+ " (memory (export \"memory\") 2) (data (i32.const 64) \"{\\\"data\\\":\\\"hi\\\",\\\"headers\\\":{},"
			+ "\\\"status\\\":200,\\\"kv\\\":{}}\") (func (export \"_start\")"
			+ " (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const 47))"
			+ " (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))";

	private BenchmarkWorkers() {
	}

	/** Compiles the baseline worker with the given engine. */
	static WasmProgram baseline(WasmEngine engine) throws WorkerLoadException {
		return engine.compile("baseline", Wat2Wasm.parse(MINIMAL_WORKER));
	}

	/**
	 * Loads an example worker that has no TOML file with its language's runtime.
	 * @param runtime the runtime of the worker's language
	 * @param workers the folder of the example workers
	 * @param name the worker's path in the folder, such as {@code js/hello.js}
	 * @param route the worker's route, such as {@code /js/hello}
	 * @return the loaded worker
	 */
	static WasmProgram load(WorkerRuntime runtime, Path workers, String name, String route)
			throws IOException, WorkerLoadException {
		WorkerSource source = new WorkerSource(workers.resolve(name).toAbsolutePath(), name,
				name.substring(name.lastIndexOf('.') + 1), WorkerRoute.parse(route));
		return runtime.load(source, new WorkerConfig(Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
				List.of(), WorkerLimits.none()));
	}

	/** A GET request for the given URL, with the headers a small client would send. */
	static WorkerInput getInput(String url) {
		return new WorkerInput(url, "GET", Map.of("host", "localhost:8080", "user-agent", "jmh", "accept", "*/*"), "",
				Map.of(), Map.of());
	}

	/** The run request the benchmarks use, with the given bytes on stdin. */
	static RunRequest runRequest(byte[] stdin) {
		return new RunRequest(stdin, Map.of(), List.of(), 8 * 1024 * 1024, 64 * 1024, 2048, List.of());
	}

	/** Fails the set-up if the worker did not succeed. */
	static void check(RunResult result) {
		if (!result.succeeded()) {
			throw new IllegalStateException("worker failed: " + result.detail());
		}
	}

}
