package dev.wasmworkers.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.wasmworkers.http.HttpAllowList;
import dev.wasmworkers.kv.OnConflict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkerConfigReaderTests {

	private static final Map<String, String> HOST_ENVIRONMENT = Map.of("TOKEN", "s3cret", "EMPTY", "");

	private final WorkerConfigReader reader = new WorkerConfigReader(HOST_ENVIRONMENT::get);

	@TempDir
	Path root;

	private Path worker;

	@BeforeEach
	void createWorker() throws IOException {
		this.worker = Files.write(this.root.resolve("index.wasm"), new byte[] { 0, 'a', 's', 'm', 1, 0, 0, 0 });
	}

	@Test
	void whenEveryKeyIsSetThenTheConfigHoldsThemAll() throws Exception {
		Path libs = Files.createDirectories(this.root.resolve("_libs"));
		Path shared = Files.createDirectories(this.root.resolve("shared-data")).toAbsolutePath();
		write("index.toml", """
				name = "counter"
				version = "1"

				[vars]
				MESSAGE = "Hello"
				TOKEN = "$TOKEN"

				[data.kv]
				namespace = "counter"

				[[folders]]
				from = "./_libs"
				to = "/opt/python/libs"

				[[folders]]
				from = "%s"
				to = "/data"
				""".formatted(shared));

		WorkerConfig config = this.reader.read(this.worker);

		assertThat(config).isEqualTo(new WorkerConfig(Optional.of("counter"), Optional.of("1"),
				Map.of("MESSAGE", "Hello", "TOKEN", "s3cret"), Optional.of("counter"),
				List.of(new FolderMount(libs.toAbsolutePath(), "/opt/python/libs"), new FolderMount(shared, "/data")),
				WorkerLimits.none()));
		assertThat(config.vars()).containsExactly(Map.entry("MESSAGE", "Hello"), Map.entry("TOKEN", "s3cret"));
	}

	@ParameterizedTest
	@CsvSource({ "[id].wasm, [id].toml", "index.wasm, index.toml", "index.js, index.toml", "counter.py, counter.toml",
			"api/users/[id].wasm, api/users/[id].toml", "v1.2.wasm, v1.2.toml", "noextension, noextension.toml" })
	void whenAWorkerFileIsGivenThenItsConfigFileIsTheSiblingWithTheTomlExtension(String worker, String config) {
		assertThat(WorkerConfigReader.configFileOf(this.root.resolve(worker))).isEqualTo(this.root.resolve(config));
	}

	@Test
	void whenWorkersAreNestedThenEachReadsItsOwnSiblingFile() throws Exception {
		write("api/[id].toml", "name = \"by-id\"");
		write("api/index.toml", "name = \"api-index\"");
		write("index.toml", "name = \"root-index\"");

		assertThat(this.reader.read(this.root.resolve("api/[id].wasm")).name()).contains("by-id");
		assertThat(this.reader.read(this.root.resolve("api/index.wasm")).name()).contains("api-index");
		assertThat(this.reader.read(this.root.resolve("api/index.js")).name()).contains("api-index");
		assertThat(this.reader.read(this.worker).name()).contains("root-index");
	}

	@Test
	void whenThereIsNoFileThenTheConfigIsEmpty() throws Exception {
		write("other.toml", "name = \"other\"");

		WorkerConfig config = this.reader.read(this.worker);

		assertThat(config).isEqualTo(WorkerConfig.empty());
		assertThat(config.name()).isEmpty();
		assertThat(config.version()).isEmpty();
		assertThat(config.vars()).isEmpty();
		assertThat(config.kvNamespace()).isEmpty();
		assertThat(config.folders()).isEmpty();
	}

	@Test
	void whenVarsReferToTheHostEnvironmentThenTheyAreResolvedAsWwsDoes() throws Exception {
		write("index.toml", """
				[vars]
				SET = "$TOKEN"
				UNSET = "$NOT_SET"
				SET_TO_EMPTY = "$EMPTY"
				WITH_SPACE = "$TOKEN and more"
				DOLLAR_ALONE = "$"
				INSIDE = "price: $TOKEN"
				PLAIN = "plain"
				""");

		assertThat(this.reader.read(this.worker).vars()).containsExactly(Map.entry("SET", "s3cret"),
				Map.entry("UNSET", ""), Map.entry("SET_TO_EMPTY", ""), Map.entry("WITH_SPACE", "$TOKEN and more"),
				Map.entry("DOLLAR_ALONE", ""), Map.entry("INSIDE", "price: $TOKEN"), Map.entry("PLAIN", "plain"));
	}

	@Test
	void whenVarsAreReadThenFileOrderIsKept() throws Exception {
		write("index.toml", """
				[vars]
				ZULU = "1"
				ALPHA = "2"
				MIKE = "3"
				""");

		assertThat(this.reader.read(this.worker).vars().keySet()).containsExactly("ZULU", "ALPHA", "MIKE");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "version = \"1.0.0\" | 1.0.0", "version = 1 | 1", "version = 2.5 | 2.5" })
	void whenVersionIsAStringOrNumberThenItIsKeptAsText(String line, String expected) throws Exception {
		write("index.toml", line + "\nname = \"w\"");

		WorkerConfig config = this.reader.read(this.worker);

		assertThat(config.version()).contains(expected);
		assertThat(config.name()).contains("w");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "name = \"w\"", "version = true", "version = [\"1\"]" })
	void whenVersionIsMissingOrNeitherStringNorNumberThenTheRestOfTheFileIsStillUsed(String line) throws Exception {
		write("index.toml", line + "\n[vars]\nA = \"b\"");

		WorkerConfig config = this.reader.read(this.worker);

		assertThat(config.version()).isEmpty();
		assertThat(config.vars()).containsExactly(Map.entry("A", "b"));
	}

	@Test
	void whenATableHeaderIsNotClosedThenTheParserLineIsReported() throws Exception {
		Path file = write("index.toml", """
				name = "w"

				[vars
				A = "b"
				""");

		assertThatExceptionOfType(WorkerConfigException.class).isThrownBy(() -> this.reader.read(this.worker))
			.satisfies(ex -> {
				assertThat(ex.file()).isEqualTo(file);
				assertThat(ex.line()).hasValue(3);
				assertThat(ex.reason()).startsWith("invalid TOML: ");
				assertThat(ex.getMessage()).isEqualTo(file + ":3: " + ex.reason());
				assertThat(ex.getCause()).isNotNull();
			});
	}

	@Test
	void whenAValueIsNotTomlThenTheParserLineAndReasonAreReported() throws Exception {
		write("index.toml", """
				name = "w"
				version = "1"

				[vars]
				A = nope
				""");

		assertThatExceptionOfType(WorkerConfigException.class).isThrownBy(() -> this.reader.read(this.worker))
			.satisfies(ex -> {
				assertThat(ex.line()).hasValue(5);
				assertThat(ex.reason()).isEqualTo("invalid TOML: Unknown token");
			});
	}

	@Test
	void whenTheFileIsNotUtf8ThenItIsRefusedWithoutALine() throws Exception {
		Path file = this.root.resolve("index.toml");
		Files.write(file, new byte[] { 'a', ' ', '=', ' ', '"', (byte) 0xff, '"' });

		assertThatExceptionOfType(WorkerConfigException.class).isThrownBy(() -> this.reader.read(this.worker))
			.satisfies(ex -> {
				assertThat(ex.line()).isEmpty();
				assertThat(ex.reason()).isEqualTo("not UTF-8 text");
				assertThat(ex.getMessage()).isEqualTo(file + ": not UTF-8 text");
			});
	}

	@Test
	void whenNameIsNotAStringThenItsKeyAndLineAreReported() throws Exception {
		write("index.toml", """
				version = "1"
				name = 42
				""");

		assertRefused("name must be a string", 2);
	}

	@Test
	void whenVarsIsNotATableThenItsKeyAndLineAreReported() throws Exception {
		write("index.toml", """
				name = "w"
				vars = "A=b"
				""");

		assertRefused("vars must be a table", 2);
	}

	@Test
	void whenAVarIsNotAStringThenItsKeyAndLineAreReported() throws Exception {
		write("index.toml", """
				[vars]
				HOST = "example.com"
				PORT = 8080
				""");

		assertRefused("vars.PORT must be a string", 3);
	}

	@Test
	void whenAVarWithAQuotedNameIsNotAStringThenTheNameIsQuotedInTheReason() throws Exception {
		write("index.toml", """
				[vars]
				"MY.PORT" = 8080
				""");

		assertRefused("vars.\"MY.PORT\" must be a string", 2);
	}

	@Test
	void whenNamespaceIsNotAStringThenItsKeyAndLineAreReported() throws Exception {
		write("index.toml", """
				name = "w"

				[data.kv]
				namespace = 1
				""");

		assertRefused("data.kv.namespace must be a string", 4);
	}

	@Test
	void whenNamespaceIsWrittenAsADottedKeyThenItsLineIsFound() throws Exception {
		write("index.toml", """
				[data]
				other = "x"
				kv.namespace = true
				""");

		assertRefused("data.kv.namespace must be a string", 3);
	}

	@Test
	void whenNamespaceIsWrittenInInlineTablesThenItsLineIsFound() throws Exception {
		write("index.toml", """
				name = "w"
				data = { kv = { namespace = [] } }
				""");

		assertRefused("data.kv.namespace must be a string", 2);
	}

	@Test
	void whenNamespaceIsEmptyThenItIsRefused() throws Exception {
		write("index.toml", """
				[data.kv]
				namespace = ""
				""");

		assertRefused("data.kv.namespace must not be empty", 2);
	}

	@Test
	void whenKvTableHasNoNamespaceThenTheTableLineIsReported() throws Exception {
		write("index.toml", """
				name = "w"
				[data.kv]
				other = "x"
				""");

		assertRefused("data.kv.namespace is required", 2);
	}

	@ParameterizedTest
	@CsvSource({ "retry, RETRY", "last-writer-wins, LAST_WRITER_WINS" })
	void whenOnConflictIsSetThenTheConfigHoldsIt(String value, OnConflict expected) throws Exception {
		write("index.toml", """
				[data.kv]
				namespace = "counter"
				on_conflict = "%s"
				""".formatted(value));

		assertThat(this.reader.read(this.worker).kvOnConflict()).contains(expected);
	}

	@Test
	void whenOnConflictIsNotSetThenItIsEmpty() throws Exception {
		write("index.toml", """
				[data.kv]
				namespace = "counter"
				""");

		assertThat(this.reader.read(this.worker).kvOnConflict()).isEmpty();
	}

	@Test
	void whenOnConflictIsUnknownThenItsKeyLineAndValuesAreReported() throws Exception {
		write("index.toml", """
				[data.kv]
				namespace = "counter"
				on_conflict = "merge"
				""");

		assertRefused("data.kv.on_conflict must be \"last-writer-wins\" or \"retry\"", 3);
	}

	@Test
	void whenOnConflictIsNotAStringThenItIsRefused() throws Exception {
		write("index.toml", """
				[data.kv]
				namespace = "counter"
				on_conflict = true
				""");

		assertRefused("data.kv.on_conflict must be a string", 3);
	}

	@Test
	void whenDataKvIsNotATableThenItsKeyAndLineAreReported() throws Exception {
		write("index.toml", """
				[data]
				kv = "counter"
				""");

		assertRefused("data.kv must be a table", 2);
	}

	@Test
	void whenDataHasNoKvTableThenThereIsNoNamespace() throws Exception {
		write("index.toml", """
				[data]
				other = 1
				""");

		assertThat(this.reader.read(this.worker).kvNamespace()).isEmpty();
	}

	@Test
	void whenFoldersIsNotAnArrayThenItsKeyAndLineAreReported() throws Exception {
		write("index.toml", """
				name = "w"
				folders = "./_libs"
				""");

		assertRefused("folders must be an array of tables, such as [[folders]] entries", 2);
	}

	@Test
	void whenFoldersIsASingleTableThenItsHeaderLineIsReported() throws Exception {
		write("index.toml", """
				name = "w"

				[folders]
				from = "."
				to = "/data"
				""");

		assertRefused("folders must be an array of tables, such as [[folders]] entries", 3);
	}

	@Test
	void whenAFoldersElementIsNotATableThenItsIndexAndLineAreReported() throws Exception {
		write("index.toml", """
				folders = [
				  { from = ".", to = "/a" },
				  "./_libs",
				]
				""");

		assertRefused("folders[1] must be a table", 3);
	}

	@Test
	void whenFromIsNotAStringThenItsEntryAndLineAreReported() throws Exception {
		write("index.toml", """
				[[folders]]
				from = "."
				to = "/a"

				[[folders]]
				from = 7
				to = "/b"
				""");

		assertRefused("folders[1].from must be a string", 6);
	}

	@Test
	void whenFromInAnInlineArrayIsNotAStringThenItsLineIsFound() throws Exception {
		write("index.toml", """
				name = "w"
				folders = [
				  { from = ".", to = "/a" },
				  { from = false, to = "/b" },
				]
				""");

		assertRefused("folders[1].from must be a string", 4);
	}

	@Test
	void whenToIsMissingThenTheEntryHeaderLineIsReported() throws Exception {
		write("index.toml", """
				name = "w"

				[[folders]]
				from = "."
				""");

		assertRefused("folders[0].to is required", 3);
	}

	@Test
	void whenToIsRelativeThenItsKeyAndLineAreReported() throws Exception {
		write("index.toml", """
				[[folders]]
				from = "."
				to = "data"
				""");

		assertRefused("folders[0].to must be an absolute guest path starting with '/', such as \"/data\"", 3);
	}

	@Test
	void whenFromFolderDoesNotExistThenTheResolvedPathAndLineAreReported() throws Exception {
		write("index.toml", """
				[[folders]]
				to = "/data"
				from = "./missing/../libs"
				""");
		Path resolved = this.root.toAbsolutePath().resolve("libs");

		assertRefused("folders[0].from names " + resolved + ", which does not exist or is not a folder", 3);
	}

	@Test
	void whenFromIsAFileThenItIsRefused() throws Exception {
		write("notes.txt", "not a folder");
		write("index.toml", """
				[[folders]]
				from = "notes.txt"
				to = "/data"
				""");
		Path resolved = this.root.toAbsolutePath().resolve("notes.txt");

		assertRefused("folders[0].from names " + resolved + ", which does not exist or is not a folder", 2);
	}

	@Test
	void whenFromClimbsWithDotDotThenItIsResolvedAgainstTheWorkerFolderAndNormalised() throws Exception {
		Path shared = Files.createDirectories(this.root.resolve("shared/libs"));
		write("api/index.toml", """
				[[folders]]
				from = "../shared/./libs"
				to = "/libs"
				""");

		assertThat(this.reader.read(this.root.resolve("api/index.wasm")).folders())
			.containsExactly(new FolderMount(shared.toAbsolutePath(), "/libs"));
	}

	@Test
	void whenFromUsesBackslashesThenTheyAreSeparators() throws Exception {
		Path shared = Files.createDirectories(this.root.resolve("shared/libs"));
		write("api/index.toml", """
				[[folders]]
				from = '..\\shared\\libs'
				to = "/libs"
				""");

		assertThat(this.reader.read(this.root.resolve("api/index.wasm")).folders())
			.containsExactly(new FolderMount(shared.toAbsolutePath(), "/libs"));
	}

	@Test
	void whenFromIsAbsoluteThenItIsUsedAsItIs(@TempDir Path elsewhere) throws Exception {
		write("index.toml", """
				[[folders]]
				from = "%s"
				to = "/data"
				""".formatted(elsewhere.toAbsolutePath()));

		assertThat(this.reader.read(this.worker).folders())
			.containsExactly(new FolderMount(elsewhere.toAbsolutePath(), "/data"));
	}

	@Test
	void whenTwoEntriesMountAtTheSameGuestPathThenTheSecondIsReported() throws Exception {
		Files.createDirectories(this.root.resolve("a"));
		Files.createDirectories(this.root.resolve("b"));
		write("index.toml", """
				[[folders]]
				from = "a"
				to = "/data"

				[[folders]]
				from = "b"
				to = "/data/"
				""");

		assertRefused("folders[1].to repeats the guest path /data/ of folders[0]", 7);
	}

	@Test
	void whenKeysAndTablesAreUnknownThenTheyAreIgnored() throws Exception {
		write("index.toml", """
				name = "w"
				unknown = 1
				version = "1"

				[vars]
				A = "b"

				[data]
				other = { x = 1 }

				[data.kv]
				namespace = "ns"
				ttl = 30

				[[folders]]
				from = "."
				to = "/data"
				mode = "ro"

				[features.http_requests]
				allowed_hosts = ["example.com"]
				follow_redirects = false

				[features.wasi_nn]
				allowed_backends = ["openvino"]

				[limits]
				memory = "64MB"
				""");

		assertThat(this.reader.read(this.worker)).isEqualTo(new WorkerConfig(Optional.of("w"), Optional.of("1"),
				Map.of("A", "b"), Optional.of("ns"), List.of(new FolderMount(this.root.toAbsolutePath(), "/data")),
				WorkerLimits.none(), new HttpRequests(List.of("example.com"), HttpAllowList.DEFAULT_METHODS, false)));
	}

	private void assertRefused(String reason, int line) {
		Path file = this.root.resolve("index.toml");
		assertThatExceptionOfType(WorkerConfigException.class).isThrownBy(() -> this.reader.read(this.worker))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(reason);
				assertThat(ex.line()).hasValue(line);
				assertThat(ex.file()).isEqualTo(file);
				assertThat(ex.getMessage()).isEqualTo(file + ":" + line + ": " + reason);
			});
	}

	private Path write(String relativePath, String content) throws IOException {
		Path file = this.root.resolve(relativePath);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, content, StandardCharsets.UTF_8);
	}

}
