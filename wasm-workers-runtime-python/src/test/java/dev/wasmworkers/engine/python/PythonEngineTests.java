package dev.wasmworkers.engine.python;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmProgram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PythonEngineTests {

	private static final PythonEngine engine = PythonEngine.start();

	@Test
	void helloWorld() throws Exception {
		WasmProgram program = engine.load("hello.py",
				"import os\ndef worker(request):\n    r = Response('hi ' + request.method + ' ' + os.getenv('A', '-'))\n    r.headers['x-a'] = 1\n    return r\n",
				Map.of("A", "b"), List.of());
		for (int i = 0; i < 5; i++) {
			long t = System.nanoTime();
			RunResult result = program.run(new RunRequest(
					"{\"url\":\"http://x/\",\"method\":\"GET\",\"headers\":{},\"body\":\"\",\"kv\":{},\"params\":{}}"
						.getBytes(StandardCharsets.UTF_8),
					Map.of(), List.of(), 1 << 20, 1 << 20, 2048, List.of()));
			System.out.println((System.nanoTime() - t) / 1e6 + " ms " + result + " "
					+ new String(result.stdout(), StandardCharsets.UTF_8) + " / "
					+ new String(result.stderr(), StandardCharsets.UTF_8));
		}
		System.out.println("own pages " + ((PythonProgram) program).ownPages());
		assertThat(program).isNotNull();
	}

}
