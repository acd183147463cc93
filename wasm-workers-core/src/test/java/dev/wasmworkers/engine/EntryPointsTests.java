package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which exports a run calls, as wasmtime's linker calls them for wws: commands and
 * reactors, with and without a default export.
 */
class EntryPointsTests {

	/** Each function prints its digit, so the output is the order of the calls. */
	private static final String PRINTING = """
			(memory 1)
			(func $initialize (call $print (i32.const 1)))
			(func $default (call $print (i32.const 2)))
			(func $start (call $print (i32.const 3)))
			""";

	private final WasmEngine engine = new WasmEngine();

	@Test
	void aCommandRunsStart() throws WorkerLoadException {
		assertThat(output("(export \"_start\" (func $start))")).isEqualTo("3");
	}

	@Test
	void aCommandWithADefaultExportRunsTheDefaultExportInsteadOfStart() throws WorkerLoadException {
		assertThat(output("(export \"_start\" (func $start)) (export \"\" (func $default))")).isEqualTo("2");
	}

	@Test
	void aReactorRunsInitialize() throws WorkerLoadException {
		assertThat(output("(export \"_initialize\" (func $initialize))")).isEqualTo("1");
	}

	@Test
	void aReactorWithADefaultExportRunsInitializeThenTheDefaultExport() throws WorkerLoadException {
		assertThat(output("(export \"_initialize\" (func $initialize)) (export \"\" (func $default))")).isEqualTo("12");
	}

	@Test
	void aReactorsDefaultExportSeesWhatInitializeDid() throws WorkerLoadException {
		byte[] module = Wat.command("""
				(memory 1)
				(global $ready (mut i32) (i32.const 0))
				(func (export "_initialize") (global.set $ready (i32.const 42)))
				(func (export "") (call $print (global.get $ready)))
				""");

		assertThat(run(module).stdout()).asString().isEqualTo("42");
	}

	@Test
	void eachRunInitializesAFreshInstance() throws WorkerLoadException {
		WasmProgram program = this.engine.compile("counting", Wat.command("""
				(memory 1)
				(global $runs (mut i32) (i32.const 0))
				(func (export "_initialize") (global.set $runs (i32.add (global.get $runs) (i32.const 1))))
				(func (export "") (call $print (global.get $runs)))
				"""));

		assertThat(program.run(request()).stdout()).asString().isEqualTo("1");
		assertThat(program.run(request()).stdout()).asString().isEqualTo("1");
	}

	@Test
	void aTrapInInitializeFailsTheRunAndSkipsTheDefaultExport() throws WorkerLoadException {
		RunResult result = run(Wat.command("""
				(memory 1)
				(func (export "_initialize") unreachable)
				(func (export "") (call $print (i32.const 2)))
				"""));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.stdout()).isEmpty();
	}

	@Test
	void refusesAModuleWithNeitherStartNorInitialize() {
		assertThatExceptionOfType(WorkerLoadException.class)
			.isThrownBy(() -> this.engine.compile("library", Wat.command(PRINTING + "(export \"\" (func $default))")))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo("has no exported _start function (a worker must be a WASI command module)"));
	}

	@Test
	void refusesAModuleThatIsBothACommandAndAReactor() {
		byte[] module = Wat
			.command(PRINTING + "(export \"_start\" (func $start)) (export \"_initialize\" (func $initialize))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("both", module))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(
					"exports both _start and _initialize, but a module is either a WASI command or a WASI reactor"));
	}

	@Test
	void refusesAnInitializeThatTakesParameters() {
		byte[] module = Wat.module("(memory 1) (func (export \"_initialize\") (param i32))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("init", module))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo("_initialize must take no parameters and return nothing, but is (func (param i32))"));
	}

	@Test
	void refusesADefaultExportThatIsNotAFunction() {
		byte[] module = Wat.module("(memory (export \"\") 1) (func (export \"_initialize\"))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("memory", module))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo("exports \"\" (the default export) as a memory, not a function"));
	}

	@Test
	void refusesADefaultExportThatReturnsAValue() {
		byte[] module = Wat
			.module("(memory 1) (func (export \"_start\")) (func (export \"\") (result i32) (i32.const 0))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("result", module))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(
					"\"\" (the default export) must take no parameters and return nothing, but is (func (result i32))"));
	}

	private String output(String exports) throws WorkerLoadException {
		RunResult result = run(Wat.command(PRINTING + exports));
		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		return new String(result.stdout());
	}

	private RunResult run(byte[] module) throws WorkerLoadException {
		return this.engine.compile("test", module).run(request());
	}

	private static RunRequest request() {
		return new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1 << 16, 16, List.of());
	}

}
