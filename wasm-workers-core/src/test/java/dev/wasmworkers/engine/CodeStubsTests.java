package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodeStubsTests {

	@Test
	void aCWorkerWithStubBodiesKeepsEverythingButItsCode() throws Exception {
		byte[] hello = Files.readAllBytes(Path.of("../sample-app/workers/hello.wasm"));
		WasmModule whole = Parser.parse(hello);

		byte[] stubbed = CodeStubs.of(hello);
		WasmModule module = Parser.parse(stubbed);

		assertThat(stubbed.length).isLessThan(hello.length / 2);
		assertThat(module.codeSection().functionBodyCount()).isEqualTo(whole.codeSection().functionBodyCount())
			.isEqualTo(whole.functionSection().functionCount())
			.isGreaterThan(10);
		assertThat(Arrays.asList(module.codeSection().functionBodies())).allMatch(CodeStubsTests::isStub);
		assertThat(Arrays.asList(whole.codeSection().functionBodies())).noneMatch(CodeStubsTests::isStub);
		assertThat(module.typeSection().types()).isEqualTo(whole.typeSection().types());
		assertThat(module.importSection().stream().map(Object::toString))
			.containsExactlyElementsOf(whole.importSection().stream().map(Object::toString).toList());
		assertThat(module.exportSection().exportCount()).isEqualTo(whole.exportSection().exportCount());
		assertThat(Arrays.stream(module.dataSection().dataSegments()).map((segment) -> segment.data()))
			.containsExactlyElementsOf(
					Arrays.stream(whole.dataSection().dataSegments()).map((segment) -> segment.data()).toList());
		assertThat(module.globalSection().globalCount()).isEqualTo(whole.globalSection().globalCount());
	}

	@Test
	void aModuleWithoutCodeIsKeptAsItIs() {
		byte[] empty = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00 };

		assertThat(CodeStubs.of(empty)).isEqualTo(empty);
	}

	@Test
	void sectionsRunningPastTheEndAreRefused() throws Exception {
		byte[] hello = Files.readAllBytes(Path.of("../sample-app/workers/hello.wasm"));

		assertThatIllegalArgumentException().isThrownBy(() -> CodeStubs.of(Arrays.copyOf(hello, hello.length - 1)))
			.withMessageContaining("remain");
	}

	private static boolean isStub(FunctionBody body) {
		return body.localTypes().isEmpty() && body.instructions()
			.stream()
			.map((instruction) -> instruction.opcode())
			.toList()
			.equals(List.of(OpCode.UNREACHABLE, OpCode.END));
	}

}
