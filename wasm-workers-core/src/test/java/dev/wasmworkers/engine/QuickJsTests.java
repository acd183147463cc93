package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class QuickJsTests {

	@Test
	void renamesTheModuleInTheAtomTable() {
		byte[] bytecode = bytes((char) 2 + "\u0003" + (char) 24 + "function.mjs" + (char) 6 + "abc" + "rest");

		byte[] renamed = QuickJs.renameModule(bytecode, "worker-api.mjs");

		assertThat(new String(renamed, StandardCharsets.ISO_8859_1))
			.isEqualTo((char) 2 + "\u0003" + (char) 28 + "worker-api.mjs" + (char) 6 + "abc" + "rest");
	}

	@Test
	void refusesBytecodeWithoutTheNameOrWithItTwice() {
		assertThatIllegalStateException().isThrownBy(() -> QuickJs.renameModule(bytes("nothing"), "other.mjs"));
		String atom = (char) 24 + "function.mjs";
		assertThatIllegalStateException().isThrownBy(() -> QuickJs.renameModule(bytes(atom + atom), "other.mjs"));
	}

	@Test
	void refusesANameThatIsNotShortPrintableAscii() {
		byte[] bytecode = bytes((char) 24 + "function.mjs");
		assertThatIllegalArgumentException().isThrownBy(() -> QuickJs.renameModule(bytecode, ""));
		assertThatIllegalArgumentException().isThrownBy(() -> QuickJs.renameModule(bytecode, "é.mjs"));
		assertThatIllegalArgumentException().isThrownBy(() -> QuickJs.renameModule(bytecode, "x".repeat(64)));
	}

	private static byte[] bytes(String latin1) {
		return latin1.getBytes(StandardCharsets.ISO_8859_1);
	}

}
