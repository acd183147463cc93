package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The QuickJS engine with a small prelude of its own (the worker API is tested with the
 * JavaScript runtime).
 */
class JavaScriptEngineTests {

	private static final String PRELUDE = """
			const io = Javy.IO;
			globalThis.echo = () => {
			  const buffer = new Uint8Array(1024);
			  const length = io.readSync(0, buffer);
			  io.writeSync(1, buffer.subarray(0, length));
			};
			globalThis.counter = 0;
			""";

	private static final JavaScriptEngine engine = JavaScriptEngine.start("test-prelude.mjs", PRELUDE);

	@Test
	void runsCompiledCodeWithThePreludeInAFreshInstanceEachTime() throws JavaScriptSyntaxException {
		WasmProgram program = engine.compile("echo.js", "globalThis.counter++; echo();", 0);

		for (int i = 0; i < 3; i++) {
			RunResult result = program.run(request("{\"n\":" + i + "}"));
			assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(new String(result.stdout(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":" + i + "}");
		}
		assertThat(engine.startTime()).isPositive();
		assertThat(engine.requiredPages()).isGreaterThan(16);
	}

	@Test
	void reportsASyntaxErrorFromOneAndShiftsTheFirstLine() {
		assertThatExceptionOfType(JavaScriptSyntaxException.class)
			.isThrownBy(() -> engine.compile("bad.js", "/*prefix*/let x = ;", 10))
			.satisfies((ex) -> assertThat(ex.line()).isEqualTo(1))
			.satisfies((ex) -> assertThat(ex.column()).isEqualTo(9))
			.satisfies((ex) -> assertThat(ex.description()).isEqualTo("unexpected token in expression: ';'"))
			.withMessage("unexpected token in expression: ';' (line 1, column 9)");
	}

	@Test
	void rewritesStackPositionsToTheWorkersFile() {
		String stack = "    at f (function.mjs:1:30)\n    at g (function.mjs:7:3)\n    at h (other.mjs:1:30)\n"
				+ "    at function.mjs:2";

		assertThat(JavaScriptEngine.describeStack(stack, "w.js", 20))
			.isEqualTo("    at f (w.js:1:10)\n    at g (w.js:7:3)\n    at h (other.mjs:1:30)\n    at w.js:2");
	}

	@Test
	void anUncaughtExceptionIsReportedWithoutThePluginsPanic() throws JavaScriptSyntaxException {
		WasmProgram program = engine.compile("throws.js", "console.error('before');\nnull.x;\n", 0);

		RunResult result = program.run(request(""));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).isEqualTo("uncaught exception: cannot read property 'x' of null (throws.js:2:6)");
		assertThat(new String(result.stderr(), StandardCharsets.UTF_8)).isEqualTo(
				"before\nUncaught cannot read property 'x' of null (throws.js:2:6)\n    at <anonymous> (throws.js:2:6)\n");
	}

	@Test
	void aRunThatWritesNothingFails() throws JavaScriptSyntaxException {
		RunResult result = engine.compile("quiet.js", "const x = 1;", 0).run(request(""));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).contains("answered nothing");
	}

	@Test
	void refusesAPreludeNamedLikeTheWorkersOrThatDoesNotCompile() {
		assertThatIllegalArgumentException().isThrownBy(() -> JavaScriptEngine.start("function.mjs", ""));
		assertThatIllegalStateException().isThrownBy(() -> JavaScriptEngine.start("broken.mjs", "let = ;"))
			.withMessageContaining("does not compile");
		assertThatIllegalStateException()
			.isThrownBy(() -> JavaScriptEngine.start("throws.mjs", "throw new Error('x');"))
			.withMessageContaining("fails");
	}

	private static RunRequest request(String stdin) {
		return new RunRequest(stdin.getBytes(StandardCharsets.UTF_8), Map.of(), List.of(), 1 << 16, 1 << 16, 2048,
				List.of());
	}

}
