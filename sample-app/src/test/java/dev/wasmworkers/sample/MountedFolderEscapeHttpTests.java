package dev.wasmworkers.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escape attempts from a mounted folder by the C file worker, in a copy of its project
 * with symbolic links pointing out of the mounted folder.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "PT30S")
class MountedFolderEscapeHttpTests {

	private static final String SECRET = "top secret outside the mount";

	private static final Path PROJECT = copyProjectWithLinks();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", PROJECT::toString);
	}

	@Test
	void aFileInsideIsReadable() {
		TextResponses.readFile(this.client, "/data/message.txt").expectStatus().isOk();
	}

	@Test
	void aSymbolicLinkThatStaysInsideIsFollowed() {
		TextResponses.expectOkContaining(TextResponses.readFile(this.client, "/data/inside-link.txt"),
				TextResponses.MOUNTED_FILE_TEXT);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "/data/../secret.txt", "/data/notes/../../secret.txt", "/secret.txt", "/data/secret-link.txt",
					"/data/absolute-link.txt", "/data/outside-dir/secret.txt", "/data/etc-link/passwd", "/etc/passwd" })
	void nothingOutsideTheMountIsReadable(String path) {
		TextResponses.readFile(this.client, path)
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain(SECRET).doesNotContain("root:"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/data/outside-dir", "/data/..", "/data/etc-link" })
	void nothingOutsideTheMountCanBeListed(String path) {
		this.client.get()
			.uri((builder) -> builder.path("/files/read").queryParam("list", path).build())
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("secret.txt").doesNotContain("passwd"));
	}

	@Test
	void aFileWrittenInsideLandsInTheHostFolder() throws IOException {
		this.client.get()
			.uri((builder) -> builder.path("/files/read")
				.queryParam("write", "/data/written.txt")
				.queryParam("text", "persisted")
				.build())
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(Files.readString(PROJECT.resolve("_data/written.txt"))).isEqualTo("persisted");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/data/../escaped.txt", "/data/outside-dir/escaped.txt", "/escaped.txt" })
	void nothingCanBeWrittenOutsideTheMount(String path) {
		this.client.get()
			.uri((builder) -> builder.path("/files/read").queryParam("write", path).queryParam("text", "x").build())
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(PROJECT.resolve("escaped.txt")).doesNotExist();
		assertThat(PROJECT.resolve("outside/escaped.txt")).doesNotExist();
	}

	private static Path copyProjectWithLinks() {
		try {
			Path project = Files.createTempDirectory("wasm-workers-mounts");
			Path sample = Path.of("workers");
			copy(sample.resolve("files"), project.resolve("files"));
			copy(sample.resolve("_data"), project.resolve("_data"));
			Files.writeString(project.resolve("secret.txt"), SECRET);
			Files.createDirectories(project.resolve("outside"));
			Files.writeString(project.resolve("outside/secret.txt"), SECRET);
			Path data = project.resolve("_data");
			Files.createSymbolicLink(data.resolve("secret-link.txt"), Path.of("../secret.txt"));
			Files.createSymbolicLink(data.resolve("absolute-link.txt"), project.resolve("secret.txt"));
			Files.createSymbolicLink(data.resolve("outside-dir"), project.resolve("outside"));
			Files.createSymbolicLink(data.resolve("etc-link"), Path.of("/etc"));
			Files.createSymbolicLink(data.resolve("inside-link.txt"), Path.of("message.txt"));
			return project;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

}
