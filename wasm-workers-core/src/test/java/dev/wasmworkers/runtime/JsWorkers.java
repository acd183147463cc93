package dev.wasmworkers.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.config.WorkerLimits;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.protocol.InvalidWorkerOutputException;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerOutput;
import dev.wasmworkers.protocol.WorkerProtocol;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loads JavaScript workers written in a test and runs them as the invoker does, with one
 * runtime (so one engine) shared by every test.
 */
final class JsWorkers {

	static final JavaScriptRuntime runtime = new JavaScriptRuntime();

	static final WorkerProtocol protocol = new WorkerProtocol();

	static final JsonMapper json = JsonMapper.builder().build();

	private JsWorkers() {
	}

	static WasmProgram load(Path folder, String name, String code) throws WorkerLoadException {
		return load(folder, name, code, Map.of());
	}

	static WasmProgram load(Path folder, String name, String code, Map<String, String> vars)
			throws WorkerLoadException {
		return load(runtime, folder, name, code, vars);
	}

	static WasmProgram load(JavaScriptRuntime runtime, Path folder, String name, String code, Map<String, String> vars)
			throws WorkerLoadException {
		try {
			Path file = folder.resolve(name);
			Files.createDirectories(file.getParent());
			Files.writeString(file, code, StandardCharsets.UTF_8);
			WorkerSource source = new WorkerSource(file, name, "js",
					WorkerRoute.parse("/" + name.substring(0, name.length() - ".js".length())));
			return runtime.load(source, config(vars));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static WorkerConfig config(Map<String, String> vars) {
		return new WorkerConfig(Optional.empty(), Optional.empty(), vars, Optional.empty(), List.of(),
				WorkerLimits.none());
	}

	static WorkerInput get(String url) {
		return new WorkerInput(url, "GET", Map.of("host", "localhost", "user-agent", "test"), "", Map.of(), Map.of());
	}

	static RunResult run(WasmProgram program, WorkerInput input) {
		return run(program, input, 2048);
	}

	static RunResult run(WasmProgram program, WorkerInput input, int maxMemoryPages) {
		return program.run(new RunRequest(protocol.encode(input), Map.of(), List.of(), 1 << 20, 1 << 16, maxMemoryPages,
				List.of()));
	}

	static WorkerOutput output(RunResult result) {
		if (!result.succeeded()) {
			throw new AssertionError("The run failed: " + result.detail() + "\nstderr: " + stderr(result));
		}
		try {
			return protocol.decode(result.stdout());
		}
		catch (InvalidWorkerOutputException ex) {
			throw new AssertionError(ex.getMessage() + ": " + new String(result.stdout(), StandardCharsets.UTF_8));
		}
	}

	/**
	 * Runs a worker whose handler answers {@code Response.json(<expression>)} and returns
	 * the parsed JSON.
	 */
	static JsonNode evaluate(Path folder, String setup, String expression) throws WorkerLoadException {
		return evaluate(folder, setup, expression, get("http://localhost/eval"));
	}

	static JsonNode evaluate(Path folder, String setup, String expression, WorkerInput input)
			throws WorkerLoadException {
		WasmProgram program = load(folder, "eval.js", setup + "\naddEventListener(\"fetch\", async (event) => {\n"
				+ "  event.respondWith((async () => Response.json(" + expression + "))());\n});\n");
		return json.readTree(output(run(program, input)).data());
	}

	static String stderr(RunResult result) {
		return new String(result.stderr(), StandardCharsets.UTF_8);
	}

}
