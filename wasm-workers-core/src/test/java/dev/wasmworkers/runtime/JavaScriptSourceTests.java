package dev.wasmworkers.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class JavaScriptSourceTests {

	@Test
	void theVarsAndTheServeCallGoOnTheFirstLineInFrontOfTheWorkersCode() {
		Map<String, String> vars = new LinkedHashMap<>();
		vars.put("MESSAGE", "Hello \"you\"");
		vars.put("EMPTY", "");

		JavaScriptSource.Prepared prepared = JavaScriptSource.prepare("js/index.js", "line1();\nline2();\n", vars);

		String expectedPrefix = "const MESSAGE = \"Hello \\\"you\\\"\";const EMPTY = \"\";__wwsServe(\"js/index.js\", "
				+ prepared.firstLineShift()
				+ ", Object.fromEntries([[\"MESSAGE\",\"Hello \\\"you\\\"\"],[\"EMPTY\",\"\"]]), import(\"function.mjs\"));";
		assertThat(prepared.code()).isEqualTo(expectedPrefix + "line1();\nline2();\n");
		assertThat(prepared.firstLineShift()).isEqualTo(expectedPrefix.length());
		assertThat(prepared.skippedVars()).isEmpty();
	}

	@Test
	void theShiftCountsItsOwnDigits() {
		for (int length = 0; length < 300; length += 7) {
			JavaScriptSource.Prepared prepared = JavaScriptSource.prepare("w.js", "code",
					Map.of("V", "x".repeat(length)));
			assertThat(prepared.code()).hasSize(prepared.firstLineShift() + "code".length());
		}
	}

	@Test
	void nonAsciiAndLineBreaksInValuesAndFileNamesAreEscapedSoTheFirstLineStaysOneAsciiLine() {
		JavaScriptSource.Prepared prepared = JavaScriptSource.prepare("é/[id].js", "code",
				Map.of("TEXT", "é\u2028\n\r\t\\</script>"));

		String prefix = prepared.code().substring(0, prepared.firstLineShift());
		assertThat(prefix).doesNotContain("\n", "\r", "\u2028").matches("\\p{ASCII}*");
		assertThat(prefix).contains("const TEXT = \"\\u00E9\\u2028\\n\\r\\t\\\\</script>\";");
	}

	@Test
	void varsThatAreNotIdentifiersAreLeftOutAndReported() {
		Map<String, String> vars = new LinkedHashMap<>();
		vars.put("API-KEY", "a");
		vars.put("class", "b");
		vars.put("1ST", "c");
		vars.put("__wwsServe", "d");
		vars.put("ok_$1", "e");

		JavaScriptSource.Prepared prepared = JavaScriptSource.prepare("w.js", "", vars);

		assertThat(prepared.skippedVars()).containsExactly("API-KEY", "class", "1ST", "__wwsServe");
		assertThat(prepared.code()).startsWith("const ok_$1 = \"e\";__wwsServe(");
	}

	@ParameterizedTest
	@ValueSource(strings = { "#!/usr/bin/env node\ncode", "\uFEFF#!/usr/bin/env node\ncode" })
	void aHashbangLineBecomesAComment(String source) {
		JavaScriptSource.Prepared prepared = JavaScriptSource.prepare("w.js", source, Map.of());

		assertThat(prepared.code().substring(prepared.firstLineShift())).isEqualTo("///usr/bin/env node\ncode");
	}

	@Test
	void theWorkerApiDoesNotSpellTheWorkersModuleName() {
		// The engine renames the worker API's module in its bytecode, and with it every
		// string of the same text.
		assertThat(JavaScriptRuntime.workerApi()).doesNotContain("function.mjs");
	}

}
