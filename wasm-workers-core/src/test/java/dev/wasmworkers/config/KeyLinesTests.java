package dev.wasmworkers.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeyLinesTests {

	@Test
	void whenKeysAreUnderTableHeadersThenEachHasItsOwnLine() {
		KeyLines lines = KeyLines.of("""
				name = "w"

				[vars]
				A = "1"
				B = "2"

				[data.kv]
				namespace = "ns"
				""");

		assertThat(lines.lineOf(path("name"))).hasValue(1);
		assertThat(lines.lineOf(path("vars"))).hasValue(3);
		assertThat(lines.lineOf(path("vars", "A"))).hasValue(4);
		assertThat(lines.lineOf(path("vars", "B"))).hasValue(5);
		assertThat(lines.lineOf(path("data", "kv"))).hasValue(7);
		assertThat(lines.lineOf(path("data", "kv", "namespace"))).hasValue(8);
	}

	@Test
	void whenArraysOfTablesRepeatThenEachEntryIsCounted() {
		KeyLines lines = KeyLines.of("""
				[[folders]]
				from = "a"

				[[folders]]
				to = "/b"
				from = "b"

				[[other]]
				from = "c"
				""");

		assertThat(lines.lineOf(KeyPath.ROOT.key("folders").element(0).key("from"))).hasValue(2);
		assertThat(lines.lineOf(KeyPath.ROOT.key("folders").element(1))).hasValue(4);
		assertThat(lines.lineOf(KeyPath.ROOT.key("folders").element(1).key("from"))).hasValue(6);
		assertThat(lines.lineOf(KeyPath.ROOT.key("other").element(0).key("from"))).hasValue(9);
	}

	@Test
	void whenATableIsNestedInAnArrayOfTablesThenItBelongsToTheLatestEntry() {
		KeyLines lines = KeyLines.of("""
				[[a]]
				[[a]]
				[a.b]
				c = 1
				[[a.d]]
				e = 2
				""");

		assertThat(lines.lineOf(KeyPath.ROOT.key("a").element(1).key("b").key("c"))).hasValue(4);
		assertThat(lines.lineOf(KeyPath.ROOT.key("a").element(1).key("d").element(0).key("e"))).hasValue(6);
	}

	@Test
	void whenKeysAreDottedOrQuotedThenTheirFullPathIsFound() {
		KeyLines lines = KeyLines.of("""
				[ data ]
				kv . namespace = "ns"
				"quoted key".'literal key' = 1
				""");

		assertThat(lines.lineOf(path("data", "kv", "namespace"))).hasValue(2);
		assertThat(lines.lineOf(path("data", "quoted key", "literal key"))).hasValue(3);
	}

	@Test
	void whenValuesAreInlineTablesAndArraysThenTheirKeysAndElementsHaveLines() {
		KeyLines lines = KeyLines.of("""
				data = { kv = { namespace = "ns" } }
				folders = [
				  { from = "a", to = "/a" },

				  { from = "b", to = "/b" },
				]
				hosts = [
				  ["x", "y"],
				  ["z"],
				]
				next = 1
				""");

		assertThat(lines.lineOf(path("data", "kv", "namespace"))).hasValue(1);
		assertThat(lines.lineOf(KeyPath.ROOT.key("folders").element(0).key("to"))).hasValue(3);
		assertThat(lines.lineOf(KeyPath.ROOT.key("folders").element(1))).hasValue(5);
		assertThat(lines.lineOf(KeyPath.ROOT.key("folders").element(1).key("to"))).hasValue(5);
		assertThat(lines.lineOf(KeyPath.ROOT.key("hosts").element(1))).hasValue(9);
		assertThat(lines.lineOf(path("next"))).hasValue(11);
	}

	@Test
	void whenStringsAndCommentsLookLikeKeysOrHeadersThenTheyAreSkipped() {
		KeyLines lines = KeyLines.of("""
				# [vars]
				text = \"""
				[vars]
				A = "fake"
				\\\"""
				\"""
				literal = '''
				[vars] '''
				quote = "say \\"[vars]\\" # not a comment"
				raw = 'C:\\path\\'
				date = 1979-05-27 07:32:00Z # comment
				ends = \"""with "quotes\"""\""
				[vars]
				A = "real"
				""");

		assertThat(lines.lineOf(path("literal"))).hasValue(7);
		assertThat(lines.lineOf(path("quote"))).hasValue(9);
		assertThat(lines.lineOf(path("raw"))).hasValue(10);
		assertThat(lines.lineOf(path("date"))).hasValue(11);
		assertThat(lines.lineOf(path("vars"))).hasValue(13);
		assertThat(lines.lineOf(path("vars", "A"))).hasValue(14);
	}

	@Test
	void whenLinesEndWithCarriageReturnsThenLinesAreStillCounted() {
		KeyLines lines = KeyLines.of("name = \"w\"\r\n\r\n[vars]\r\nA = \"1\"\r\n");

		assertThat(lines.lineOf(path("vars", "A"))).hasValue(4);
	}

	@Test
	void whenAKeyIsMissingThenTheLineOfItsNearestKnownTableIsUsed() {
		KeyLines lines = KeyLines.of("""
				name = "w"
				[data.kv]
				""");

		assertThat(lines.lineOf(path("data", "kv", "namespace"))).hasValue(2);
		assertThat(lines.lineOf(path("data"))).isEmpty();
		assertThat(lines.lineOf(path("vars", "A"))).isEmpty();
	}

	@Test
	void whenTheTextIsNotUnderstoodThenTheLinesFoundBeforeAreKept() {
		KeyLines lines = KeyLines.of("""
				name = "w"
				= broken
				[vars]
				""");

		assertThat(lines.lineOf(path("name"))).hasValue(1);
		assertThat(lines.lineOf(path("vars"))).isEmpty();
	}

	@Test
	void whenAStringIsNotClosedThenTheScanStops() {
		KeyLines lines = KeyLines.of("name = \"w\"\nvars = \"unclosed");

		assertThat(lines.lineOf(path("name"))).hasValue(1);
		assertThat(lines.lineOf(path("vars"))).hasValue(2);
	}

	private static KeyPath path(String... keys) {
		KeyPath path = KeyPath.ROOT;
		for (String key : keys) {
			path = path.key(key);
		}
		return path;
	}

}
