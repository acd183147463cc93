package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WasmEngineTests {

	private final WasmEngine engine = new WasmEngine();

	@Test
	void compilesACommandModuleAndReportsTheCompileTime() throws WorkerLoadException {
		WasmProgram program = this.engine.compile("empty", Wat.module("(memory 1) (func (export \"_start\"))"));

		assertThat(program.compileTime()).isPositive();
		assertThat(program.run(new RunRequest(new byte[0], Map.of(), List.of(), 10, 10, 1, List.of())).status())
			.isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void refusesBytesThatAreNotAModule() {
		byte[] notWasm = "{\"hello\": \"world\"}".getBytes(StandardCharsets.UTF_8);

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("json", notWasm))
			.satisfies((ex) -> assertThat(ex.workerName()).isEqualTo("json"))
			.withMessageStartingWith("Worker 'json' cannot be served: not a valid WebAssembly module");
	}

	@Test
	void refusesAModuleThatFailsValidation() {
		// A valid header and type section, then a function whose body returns nothing
		// although its type says i32.
		byte[] invalid = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
				0x03, 0x02, 0x01, 0x00, 0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b };

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("invalid", invalid))
			.withMessageContaining("not a valid WebAssembly module");
	}

	@Test
	void refusesAModuleWhoseDataDoesNotFitItsMemory() {
		byte[] module = Wat.module("(memory 1) (data (i32.const 65530) \"too long\") (func (export \"_start\"))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("data", module))
			.withMessageContaining("cannot be instantiated: Data segment 0 (8 bytes at offset 65530) does not fit");
	}

	@Test
	void refusesAModuleThatCannotBeInstantiatedWhenItLoads() {
		byte[] module = Wat.module("(table 1 funcref) (func $f) (elem (i32.const 3) $f) (func (export \"_start\"))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("elem", module))
			.withMessageContaining("cannot be instantiated: out of bounds table access");
	}

	@Test
	void refusesAModuleWithoutStart() {
		byte[] library = Wat.module("(memory 1) (func (export \"main\"))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("library", library))
			.withMessageContaining("has no exported _start function");
	}

	@Test
	void refusesAStartThatTakesParameters() {
		byte[] module = Wat.module("(memory 1) (func (export \"_start\") (param i32))");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("params", module))
			.withMessageContaining("_start must take no parameters and return nothing, but is (func (param i32))");
	}

	@Test
	void refusesAnImportTheServerDoesNotProvideNamingItAndItsType() {
		byte[] module = Wat.module("""
				(import "env" "whatever" (func (param i32 i64) (result i32)))
				(memory 1)
				(func (export "_start"))
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("env", module))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(
					"imports env.whatever (func (param i32 i64) (result i32)), which the server does not provide"));
	}

	@Test
	void refusesAWasiImportWithTheWrongType() {
		byte[] module = Wat.module("""
				(import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
				(memory 1)
				(func (export "_start"))
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("wrong", module))
			.withMessageContaining("imports wasi_snapshot_preview1.fd_write as (func (param i32) (result i32)),"
					+ " but the server provides (func (param i32 i32 i32 i32) (result i32))");
	}

	@Test
	void refusesImportsOtherThanFunctions() {
		byte[] module = Wat.module("""
				(import "env" "memory" (memory 1))
				(func (export "_start"))
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("memory", module))
			.withMessageContaining("imports memory env.memory, but only function imports are supported");
	}

	@Test
	void reportsEveryProblemAtOnce() {
		byte[] module = Wat.module("""
				(import "env" "a" (func))
				(import "env" "b" (func))
				(memory 1)
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("many", module))
			.withMessageContaining("_start")
			.withMessageContaining("env.a (func)")
			.withMessageContaining("env.b (func)");
	}

	@Test
	void runsAFunctionTooLargeForAJvmMethodInTheInterpreter() throws WorkerLoadException {
		String additions = "(global.set $sum (i32.add (global.get $sum) (i32.const 1)))\n".repeat(12_000);
		WasmProgram program = this.engine.compile("huge", Wat.command("""
				(memory 1)
				(global $sum (mut i32) (i32.const 0))
				(func $huge %s)
				(func (export "_start") (call $huge) (call $print (global.get $sum)))
				""".formatted(additions)));

		RunResult result = program.run(new RunRequest(new byte[0], Map.of(), List.of(), 100, 100, 1, List.of()));

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(result.stdout()).asString().isEqualTo("12000");
	}

}
