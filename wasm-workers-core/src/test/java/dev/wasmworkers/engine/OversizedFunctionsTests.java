package dev.wasmworkers.engine;

import com.dylibso.chicory.wasm.Parser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which functions go to the interpreter without being compiled, and that modules with
 * such functions, or with one just over the JVM's limit, still compile and run.
 */
class OversizedFunctionsTests {

	@Test
	void aBrTableOfAMillionTargetsIsOversizedAtItsIndexAfterTheImports() {
		assertThat(OversizedFunctions.of(Parser.parse(HugeModules.wideBrTable(1_000_000, true)))).containsExactly(1);
		assertThat(OversizedFunctions.of(Parser.parse(HugeModules.wideBrTable(1_000_000, false)))).containsExactly(0);
	}

	@Test
	void aFunctionOfAMillionInstructionsIsOversized() {
		assertThat(OversizedFunctions.of(Parser.parse(HugeModules.longFunction(1_000_000)))).containsExactly(0);
	}

	@Test
	void functionsThatMayFitAreLeftToTheCompiler() {
		assertThat(OversizedFunctions.of(Parser.parse(HugeModules.wideBrTable(10_000, true)))).isEmpty();
		assertThat(OversizedFunctions.of(Parser.parse(HugeModules.longFunction(50_000)))).isEmpty();
		assertThat(OversizedFunctions.of(Parser.parse(Wat.command("(memory 1) (func (export \"_start\"))")))).isEmpty();
	}

	@Test
	void aModuleWithAMillionTargetBrTableCompilesAndRunsInTheInterpreter() throws WorkerLoadException {
		WasmProgram program = new WasmEngine().compile("wide.wasm", HugeModules.wideBrTable(1_000_000, true));

		assertThat(program.run(TestPrograms.request("")).status()).isEqualTo(RunStatus.COMPLETED);
	}

	@Test
	void aFunctionTooLargeForTheJvmThatTheLowerBoundMissesStillRunsInTheInterpreter() throws WorkerLoadException {
		// 40,000 instructions may fit by the lower bound, but take about 80 KB of
		// bytecode.
		WasmProgram program = new WasmEngine().compile("long.wasm", HugeModules.longFunction(40_000));

		assertThat(program.run(TestPrograms.request("")).status()).isEqualTo(RunStatus.COMPLETED);
	}

}
