package dev.wasmworkers.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavyPanicTests {

	private static final String NOTE = "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n";

	@Test
	void readsASyntaxErrorWithItsFileLineAndColumn() {
		String stderr = "\nthread '<unnamed>' panicked at src/lib.rs:145:61:\ncalled `Result::unwrap()` on an `Err` value:"
				+ " Error:[function.mjs]:3:12 unexpected token in expression: ';'\n    at function.mjs:3:12\n\n" + NOTE;

		JavyPanic panic = JavyPanic.find(stderr).orElseThrow();

		assertThat(panic.line()).isEqualTo(3);
		assertThat(panic.column()).isEqualTo(12);
		assertThat(panic.message()).isEqualTo("unexpected token in expression: ';'");
		assertThat(panic.stack()).isEqualTo("    at function.mjs:3:12");
		assertThat(panic.start()).isZero();
		assertThat(panic.end()).isEqualTo(stderr.length());
	}

	@Test
	void readsAThrownErrorWithItsStackAndKeepsWhatCameBefore() {
		String before = "console output\n";
		String stderr = before
				+ "thread '<unnamed>' panicked at src/lib.rs:192:52:\ncalled `Result::unwrap()` on an `Err`"
				+ " value: Error:2:9 boom\n    at f (function.mjs:2:9)\n    at <anonymous> (function.mjs:4:1)\n\n"
				+ NOTE;

		JavyPanic panic = JavyPanic.find(stderr).orElseThrow();

		assertThat(stderr.substring(0, panic.start())).isEqualTo("console output");
		assertThat(panic.line()).isEqualTo(2);
		assertThat(panic.column()).isEqualTo(9);
		assertThat(panic.message()).isEqualTo("boom");
		assertThat(panic.stack()).isEqualTo("    at f (function.mjs:2:9)\n    at <anonymous> (function.mjs:4:1)");
	}

	@Test
	void readsAThrownValueThatIsNotAnError() {
		String stderr = "\nthread '<unnamed>' panicked at src/lib.rs:192:52:\ncalled `Result::unwrap()` on an `Err` value:"
				+ " [object Object]\n" + NOTE;

		JavyPanic panic = JavyPanic.find(stderr).orElseThrow();

		assertThat(panic.line()).isZero();
		assertThat(panic.message()).isEqualTo("[object Object]");
		assertThat(panic.stack()).isEmpty();
	}

	@Test
	void findsNothingInOrdinaryOutputAndRecognisesAFailedAllocation() {
		assertThat(JavyPanic.find("just a log line\n")).isEmpty();
		assertThat(JavyPanic.outOfMemory("memory allocation of 1048576 bytes failed\n")).isTrue();
		assertThat(JavyPanic.outOfMemory("all fine\n")).isFalse();
	}

}
