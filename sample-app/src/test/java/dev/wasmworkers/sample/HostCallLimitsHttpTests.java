package dev.wasmworkers.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caps on the files a run has open ({@code wasm.workers.max-open-files},
 * {@code [limits] max_open_files}) and on what it writes to its mounted folder
 * ({@code wasm.workers.max-disk-write}, {@code [limits] max_disk_write}): past either the
 * call fails with its error number and the run goes on to answer; what a run leaves open
 * is closed when it ends.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.max-open-files=5", "wasm.workers.max-disk-write=1MB" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class HostCallLimitsHttpTests {

	/** The name of the file disk-write.wasm creates, which the budget pays for too. */
	private static final String WRITTEN_FILE = "disk-write.txt";

	/** The TOML lines that mount the project's {@code _data} at {@code /data}. */
	private static final String MOUNT = "[[folders]]\nfrom = \"_data\"\nto = \"/data\"\n";

	private static final Path PROJECT = createProject();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", PROJECT::toString);
	}

	@Test
	void aRunOpensAtMostMaxOpenFilesAndGoesOn() {
		expectAnswer("/open-files", "opened 5, then No file descriptors available");
	}

	@Test
	void aWorkersOwnMaxOpenFilesReplacesTheServerWideOne() {
		expectAnswer("/two-files", "opened 2, then No file descriptors available");
	}

	@Test
	void filesLeftOpenDoNotCountAgainstTheNextRun() throws IOException {
		expectAnswer("/open-files?leave=1", "opened 5, then No file descriptors available");
		expectAnswer("/open-files?leave=1", "opened 5, then No file descriptors available");
		try (Stream<Path> left = Files.list(PROJECT.resolve("_data"))) {
			assertThat(left.map(Path::getFileName).map(Path::toString)).contains("open-files-4.txt")
				.doesNotContain("open-files-5.txt");
		}
		expectAnswer("/open-files", "opened 5, then No file descriptors available");
	}

	@Test
	void aRunWritesAtMostMaxDiskWriteAndGoesOn() {
		expectAnswer("/disk-write?kb=2048", "wrote " + ((1 << 20) - WRITTEN_FILE.length()) + ", then Quota exceeded");
		expectAnswer("/disk-write?kb=64", "wrote 65536");
	}

	@Test
	void aWorkersOwnMaxDiskWriteReplacesTheServerWideOne() {
		expectAnswer("/small-disk-write?kb=1024",
				"wrote " + ((128 << 10) - WRITTEN_FILE.length()) + ", then Quota exceeded");
	}

	private void expectAnswer(String uri, String answer) {
		this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).isEqualTo(answer));
	}

	private static Path createProject() {
		try {
			Path project = Files.createTempDirectory("wasm-workers-host-limits");
			Files.createDirectory(project.resolve("_data"));
			TestWorkers.copy("open-files", project, "open-files", MOUNT);
			TestWorkers.copy("open-files", project, "two-files", "[limits]\nmax_open_files = 2\n" + MOUNT);
			TestWorkers.copy("disk-write", project, "disk-write", MOUNT);
			TestWorkers.copy("disk-write", project, "small-disk-write",
					"[limits]\nmax_disk_write = \"128KB\"\n" + MOUNT);
			return project;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(String worker, Path project, String name, String toml) throws IOException {
		Files.copy(Path.of("test-workers", worker + ".wasm"), project.resolve(name + ".wasm"));
		Files.writeString(project.resolve(name + ".toml"), toml + "[[folders]]\nfrom = \"_data\"\nto = \"/data\"\n");
	}

}
