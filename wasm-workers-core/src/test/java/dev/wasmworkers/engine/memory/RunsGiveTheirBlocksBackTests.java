package dev.wasmworkers.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.engine.JavaScriptEngine;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.RunStatus;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A run of a {@code .wasm} or JavaScript program gives the blocks its memory copied to
 * its thread's pool when it ends, for the next run on that thread.
 */
class RunsGiveTheirBlocksBackTests {

	@Test
	void aWasmRunGivesTheBlocksItWroteToItsThread() throws Exception {
		WasmProgram program = new WasmEngine().compile("blocks.wasm", Wat2Wasm.parse("""
				(module
				  (memory 1)
				  (func (export "_start")
				    (i32.store (i32.const 0) (i32.const 1))
				    (i32.store (i32.const 8192) (i32.const 1))
				    (i32.store (i32.const 40000) (i32.const 1))))
				"""));
		SpareBlocks.drain();

		RunResult result = program.run(request());

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(SpareBlocks.drain()).as("the three blocks written").isEqualTo(3);
	}

	@Test
	void aJavaScriptRunGivesItsBlocksToItsThread() throws Exception {
		JavaScriptEngine engine = JavaScriptEngine.start("prelude.mjs", "globalThis.runs = 0;");
		WasmProgram program = engine.compile("count.js", "globalThis.runs++;", 0);
		SpareBlocks.drain();

		program.run(request());

		assertThat(SpareBlocks.drain()).as("blocks QuickJS wrote").isPositive();
	}

	private static RunRequest request() {
		return new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1 << 16, 1024, List.of());
	}

}
