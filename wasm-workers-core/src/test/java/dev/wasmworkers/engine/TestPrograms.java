package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Compiled test programs for tests outside this package, which must not use Chicory
 * themselves.
 */
public final class TestPrograms {

	private static final WasmEngine engine = new WasmEngine();

	private TestPrograms() {
	}

	/** A program that loops forever without calling anything. */
	public static WasmProgram endlessLoop() {
		return compile("(memory 1) (func (export \"_start\") (loop $forever (br $forever)))");
	}

	/** A program that writes {@code ok} to stdout. */
	public static WasmProgram ok() {
		return compile("""
				(memory 1)
				(data (i32.const 1024) "ok")
				(func (export "_start") (call $write (i32.const 1) (i32.const 1024) (i32.const 2)))
				""");
	}

	/** A request with the given stdin and roomy limits. */
	public static RunRequest request(String stdin) {
		return new RunRequest(stdin.getBytes(StandardCharsets.UTF_8), Map.of(), List.of(), 1 << 16, 1 << 16, 16,
				List.of());
	}

	private static WasmProgram compile(String fields) {
		try {
			return engine.compile("test", Wat.command(fields));
		}
		catch (WorkerLoadException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
