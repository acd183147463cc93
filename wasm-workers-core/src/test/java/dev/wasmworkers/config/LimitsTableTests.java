package dev.wasmworkers.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LimitsTableTests {

	private final WorkerConfigReader reader = new WorkerConfigReader((name) -> null);

	@TempDir
	Path root;

	@Test
	void readsEveryLimit() throws Exception {
		WorkerLimits limits = read("""
				[limits]
				timeout = "1500ms"
				max_memory = "16MB"
				max_stdout = "64KB"
				max_concurrency = 3
				max_open_files = 8
				max_disk_write = "2MB"
				""");
		assertThat(limits).isEqualTo(new WorkerLimits(Optional.of(Duration.ofMillis(1500)), OptionalLong.of(16 << 20),
				OptionalLong.of(64 << 10), OptionalInt.of(3), OptionalInt.of(8), OptionalLong.of(2 << 20)));
	}

	@Test
	void withoutATableEveryServerWideValueApplies() throws Exception {
		assertThat(read("name = \"x\"\n")).isEqualTo(WorkerLimits.none());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "timeout = \"5\"|limits.timeout must be a positive duration",
					"timeout = 5|limits.timeout must be a string",
					"timeout = \"0s\"|limits.timeout must be a positive duration",
					"max_memory = \"lots\"|limits.max_memory must be a positive size",
					"max_stdout = \"-1KB\"|limits.max_stdout must be a positive size",
					"max_concurrency = 0|limits.max_concurrency must be a positive integer",
					"max_concurrency = \"2\"|limits.max_concurrency must be a positive integer",
					"max_open_files = 0|limits.max_open_files must be a positive integer",
					"max_open_files = 1.5|limits.max_open_files must be a positive integer",
					"max_disk_write = \"0MB\"|limits.max_disk_write must be a positive size",
					"max_disk_write = 1024|limits.max_disk_write must be a string" })
	void refusesAnUnusableLimitNamingItsKeyAndLine(String line, String reason) throws IOException {
		write("name = \"x\"\n[limits]\n" + line + "\n");
		assertThatExceptionOfType(WorkerConfigException.class).isThrownBy(() -> this.reader.read(worker()))
			.satisfies((ex) -> {
				assertThat(ex.reason()).startsWith(reason);
				assertThat(ex.line()).hasValue(3);
			});
	}

	private WorkerLimits read(String toml) throws Exception {
		write(toml);
		return this.reader.read(worker()).limits();
	}

	private void write(String toml) throws IOException {
		Files.writeString(this.root.resolve("w.toml"), toml);
	}

	private Path worker() {
		return this.root.resolve("w.wasm");
	}

}
