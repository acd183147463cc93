package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicFolderTest {

	@TempDir
	Path temp;

	private Path project;

	private Path publicRoot;

	private PublicFolder folder;

	@BeforeEach
	void createProject() throws IOException {
		project = Files.createDirectory(temp.resolve("project"));
		publicRoot = Files.createDirectory(project.resolve("public"));
		write(project, "README.md");
		write(project, "index.wasm");
		write(publicRoot, "index.html");
		write(publicRoot, "main.css");
		write(publicRoot, "contact.html");
		write(publicRoot, "about/index.html");
		write(publicRoot, "about/team.html");
		write(publicRoot, "docs/guide.txt");
		write(publicRoot, ".well-known/security.txt");
		folder = PublicFolder.of(project).orElseThrow();
		publicRoot = publicRoot.toRealPath();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "/", "//" })
	void whenRootIsRequestedThenIndexHtmlIsServed(String path) {
		assertThat(folder.resolve(path)).contains(publicRoot.resolve("index.html"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/about", "/about/", "about" })
	void whenAFolderIsRequestedThenItsIndexHtmlIsServed(String path) {
		assertThat(folder.resolve(path)).contains(publicRoot.resolve("about/index.html"));
	}

	@Test
	void whenAFileIsRequestedThenExactlyThatFileIsServed() {
		assertThat(folder.resolve("/main.css")).contains(publicRoot.resolve("main.css"));
		assertThat(folder.resolve("/about/team.html")).contains(publicRoot.resolve("about/team.html"));
		assertThat(folder.resolve("/.well-known/security.txt"))
			.contains(publicRoot.resolve(".well-known/security.txt"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/contact", "/about/team", "/missing", "/docs", "/main.css/x" })
	void whenNoFileOrFolderIndexHasThatNameThenNothingIsServed(String path) {
		assertThat(folder.resolve(path)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "../x", "/../README.md", "/../index.wasm", "/about/../../README.md", "/about/../main.css",
			"/./main.css", "/..", "..", "\\..\\README.md", "/main.css\0", "/\uFFFD\uFFFD\uFFFDREADME.md" })
	void whenPathTriesToLeaveThePublicFolderThenNothingIsServed(String path) {
		assertThat(folder.resolve(path)).isEmpty();
	}

	@Test
	void whenEncodedDotsArriveDecodedThenTheyAreRefused() {
		String decoded = java.net.URLDecoder.decode("/%2e%2e/README.md", java.nio.charset.StandardCharsets.UTF_8);

		assertThat(decoded).isEqualTo("/../README.md");
		assertThat(folder.resolve(decoded)).isEmpty();
	}

	@Test
	void whenAnAbsoluteHostPathIsRequestedThenItIsLookedUpInsidePublic() {
		assertThat(folder.resolve(project.resolve("README.md").toAbsolutePath().toString())).isEmpty();
	}

	@Test
	void whenAFileLinksOutsidePublicThenItIsRefused() throws IOException {
		Files.createSymbolicLink(publicRoot.resolve("readme.md"), project.resolve("README.md"));

		assertThat(folder.resolve("/readme.md")).isEmpty();
	}

	@Test
	void whenAFolderLinksOutsidePublicThenNeitherItsFilesNorItsIndexAreServed() throws IOException {
		Path outside = Files.createDirectory(temp.resolve("outside"));
		write(outside, "index.html");
		write(outside, "secret.txt");
		Files.createSymbolicLink(publicRoot.resolve("escape"), outside);

		assertThat(folder.resolve("/escape/secret.txt")).isEmpty();
		assertThat(folder.resolve("/escape")).isEmpty();
	}

	@Test
	void whenLinksStayInsidePublicThenTheyAreServedAsTheirTargets() throws IOException {
		Files.createSymbolicLink(publicRoot.resolve("style.css"), publicRoot.resolve("main.css"));
		Files.createSymbolicLink(publicRoot.resolve("company"), publicRoot.resolve("about"));

		assertThat(folder.resolve("/style.css")).contains(publicRoot.resolve("main.css"));
		assertThat(folder.resolve("/company")).contains(publicRoot.resolve("about/index.html"));
		assertThat(folder.resolve("/company/team.html")).contains(publicRoot.resolve("about/team.html"));
	}

	@Test
	void whenNotFoundPageExistsThenItIsReturned() throws IOException {
		assertThat(folder.notFoundPage()).isEmpty();

		write(publicRoot, "404.html");

		assertThat(folder.notFoundPage()).contains(publicRoot.resolve("404.html"));
	}

	@Test
	void whenNotFoundPageLinksOutsidePublicThenItIsIgnored() throws IOException {
		Files.createSymbolicLink(publicRoot.resolve("404.html"), project.resolve("README.md"));

		assertThat(folder.notFoundPage()).isEmpty();
	}

	@Test
	void whenProjectHasNoPublicFolderThenThereIsNone() throws IOException {
		Path bare = Files.createDirectory(temp.resolve("bare"));
		Path withFile = Files.createDirectory(temp.resolve("file"));
		write(withFile, "public");

		assertThat(PublicFolder.of(bare)).isEmpty();
		assertThat(PublicFolder.of(withFile)).isEmpty();
	}

	@Test
	void whenPublicIsALinkThenItsTargetIsTheConfinement() throws IOException {
		Path linked = Files.createDirectory(temp.resolve("linked"));
		Files.createSymbolicLink(linked.resolve("public"), publicRoot);

		PublicFolder viaLink = PublicFolder.of(linked).orElseThrow();

		assertThat(viaLink.resolve("/main.css")).contains(publicRoot.resolve("main.css"));
		assertThat(viaLink.resolve("/../README.md")).isEmpty();
	}

	private static void write(Path folder, String relativePath) throws IOException {
		Path file = folder.resolve(relativePath);
		Files.createDirectories(file.getParent());
		Files.writeString(file, relativePath);
	}

}
