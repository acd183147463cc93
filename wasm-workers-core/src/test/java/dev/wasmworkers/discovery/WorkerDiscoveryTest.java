package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WorkerDiscoveryTest {

	/** The empty Wasm module wws uses in its router fixtures. */
	private static final byte[] EMPTY_MODULE = { 0, 'a', 's', 'm', 1, 0, 0, 0 };

	@TempDir
	Path root;

	/**
	 * Mirrors the wws fixture {@code crates/router/tests/data/files} (spec §2.1) with
	 * {@code .wasm} workers.
	 */
	@BeforeEach
	void createFixture() throws IOException {
		for (String file : List.of("examples.wasm", "index.wasm", "public.wasm", "examples/public.wasm",
				"examples/index/index.wasm", "public/index.wasm", "examples/public/index.wasm",
				"examples/public/other.wasm", "_index.wasm", "_internal/index.wasm", "examples/_lib/util.wasm",
				".wws/cache.wasm", "examples/.wws/cache.wasm", "index.js", "notes.txt", "examples/module.wat",
				"home.ext", "examples/home.ext", "examples/index/home.ext", "public/home.ext", "_home.ext")) {
			write(file);
		}
	}

	@Test
	void whenDefaultsAreUsedThenOnlyWorkersOutsideExcludedFoldersAreFound() {
		List<WorkerSource> workers = new WorkerDiscovery(Set.of("wasm")).discover(root, "");

		assertThat(workers).extracting(WorkerSource::relativePath)
			.containsExactly("examples.wasm", "examples/index/index.wasm", "examples/public.wasm", "index.wasm",
					"public.wasm");
		assertThat(workers).extracting(worker -> worker.route().path())
			.containsExactly("/examples", "/examples", "/examples/public", "/", "/public");
		assertThat(workers).extracting(WorkerSource::extension).containsOnly("wasm");
		assertThat(workers).extracting(WorkerSource::file)
			.containsExactly(root.resolve("examples.wasm"), root.resolve("examples/index/index.wasm"),
					root.resolve("examples/public.wasm"), root.resolve("index.wasm"), root.resolve("public.wasm"));
	}

	@Test
	void whenAnExtraExtensionIsConfiguredThenItsFilesAreWorkersToo() {
		List<WorkerSource> workers = new WorkerDiscovery(Set.of("wasm", "ext")).discover(root, "");

		assertThat(workers).extracting(WorkerSource::relativePath)
			.containsExactly("examples.wasm", "examples/home.ext", "examples/index/home.ext",
					"examples/index/index.wasm", "examples/public.wasm", "home.ext", "index.wasm", "public.wasm");
		assertThat(workers).filteredOn(worker -> worker.extension().equals("ext"))
			.extracting(worker -> worker.route().path())
			.containsExactly("/examples/home", "/examples/home", "/home");
	}

	@Test
	void whenAnIgnorePatternCoversAFolderThenNothingUnderItIsAWorker() {
		List<WorkerSource> workers = new WorkerDiscovery(Set.of("wasm"), List.of("**/examples/**")).discover(root, "");

		assertThat(workers).extracting(WorkerSource::relativePath)
			.containsExactly("examples.wasm", "index.wasm", "public.wasm");
	}

	@Test
	void whenSeveralIgnorePatternsAreGivenThenAPathMatchingAnyIsLeftOut() {
		List<WorkerSource> workers = new WorkerDiscovery(Set.of("wasm"), List.of("**/index/**", "*/*pub*"))
			.discover(root, "");

		assertThat(workers).extracting(WorkerSource::relativePath)
			.containsExactly("examples.wasm", "index.wasm", "public.wasm");
	}

	@Test
	void whenAnIgnorePatternNamesFilesThenOnlyThoseAreLeftOut() throws IOException {
		write("node_modules/lib/index.wasm");
		write("api/node_modules/x.wasm");
		write("api/users.wasm");

		List<WorkerSource> workers = new WorkerDiscovery(Set.of("wasm"),
				List.of("**/node_modules/**", "{examples,index}.wasm"))
			.discover(root, "");

		assertThat(workers).extracting(WorkerSource::relativePath)
			.containsExactly("api/users.wasm", "examples/index/index.wasm", "examples/public.wasm", "public.wasm");
	}

	@Test
	void whenAnIgnorePatternIsInvalidThenTheMessageNamesIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerDiscovery(Set.of("wasm"), List.of("**/ok/**", "a/b**")))
			.withMessage("ignore pattern 'a/b**' is invalid: '**' must be a whole path component (as in **/x or x/**)");
	}

	@Test
	void whenOnlyAnotherExtensionIsConfiguredThenWasmFilesAreNotWorkers() {
		assertThat(new WorkerDiscovery(Set.of("js")).discover(root, "")).extracting(WorkerSource::relativePath)
			.containsExactly("index.js");
	}

	@Test
	void whenPrefixIsGivenThenEveryRouteStartsWithItAndTheRootIndexIsThePrefix() {
		List<WorkerSource> workers = new WorkerDiscovery(Set.of("wasm")).discover(root, "/app");

		assertThat(workers).extracting(worker -> worker.route().path())
			.containsExactly("/app/examples", "/app/examples", "/app/examples/public", "/app", "/app/public");
	}

	@Test
	void whenParamsFixtureIsDiscoveredThenRoutesCarryParameters() throws IOException {
		Path params = Files.createDirectory(root.resolve("params"));
		for (String file : List.of("[id].wasm", "fixed.wasm", "[id]/fixed.wasm", "[id]/sub.wasm", "sub/[id].wasm",
				"sub/[...all].wasm", "sub/sub/[...all].wasm")) {
			write("params/" + file);
		}

		RouteTable<WorkerSource> table = new RouteTable<>(new WorkerDiscovery(Set.of("wasm")).discover(params, ""),
				WorkerSource::route);

		assertThat(table.find("/sub/a/b/c").map(match -> match.item().relativePath())).contains("sub/[...all].wasm");
		assertThat(table.find("/any/sub").map(match -> match.item().relativePath())).contains("[id]/sub.wasm");
	}

	@Test
	void whenFoldersAreHiddenThenTheyAreStillSearched() throws IOException {
		write(".hidden/worker.wasm");

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, "")).extracting(worker -> worker.route().path())
			.contains("/.hidden/worker");
	}

	@Test
	void whenTheRootItselfIsNamedPublicThenItIsStillSearched() throws IOException {
		Path project = Files.createDirectories(root.resolve("public"));
		Files.write(project.resolve("hello.wasm"), EMPTY_MODULE);

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(project, "")).extracting(WorkerSource::relativePath)
			.containsExactly("hello.wasm", "index.wasm");
	}

	@Test
	void whenAFileIsNamedOnlyByItsExtensionThenItIsNotAWorker() throws IOException {
		write("examples/.wasm");

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, "")).extracting(WorkerSource::relativePath)
			.doesNotContain("examples/.wasm");
	}

	@Test
	void whenAFileWouldHaveAnInvalidRouteThenOnlyThatFileIsSkipped() throws IOException {
		write("post-[id].wasm");
		write("[a][b].wasm");

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, "")).extracting(WorkerSource::relativePath)
			.doesNotContain("post-[id].wasm", "[a][b].wasm")
			.contains("index.wasm");
	}

	@Test
	void whenAFolderLinksOutsideTheRootThenItIsNotFollowed(@TempDir Path outside) throws IOException {
		Files.write(outside.resolve("escaped.wasm"), EMPTY_MODULE);
		Files.createSymbolicLink(root.resolve("linked"), outside);

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, "")).extracting(WorkerSource::relativePath)
			.doesNotContain("linked/escaped.wasm");
	}

	@Test
	void whenAFolderLinksInsideTheRootThenItIsFollowedUnderTheLinkName() throws IOException {
		Files.createSymbolicLink(root.resolve("alias"), root.resolve("examples"));

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, "")).extracting(worker -> worker.route().path())
			.contains("/alias/public", "/examples/public");
	}

	@Test
	void whenAFolderLinkMakesALoopThenTheWalkStillEnds() throws IOException {
		Files.createSymbolicLink(root.resolve("examples/loop"), root);

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, "")).extracting(WorkerSource::relativePath)
			.contains("index.wasm")
			.noneMatch(path -> path.startsWith("examples/loop/"));
	}

	@Test
	void whenAFileLinksOutsideTheRootThenItIsAWorker(@TempDir Path outside) throws IOException {
		Path module = Files.write(outside.resolve("built.wasm"), EMPTY_MODULE);
		Files.createSymbolicLink(root.resolve("linked.wasm"), module);

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, ""))
			.filteredOn(worker -> worker.relativePath().equals("linked.wasm"))
			.extracting(WorkerSource::file)
			.containsExactly(root.resolve("linked.wasm"));
	}

	@Test
	void whenAFileCannotBeReadThenItIsSkipped() throws IOException {
		Path secret = root.resolve("secret.wasm");
		Files.write(secret, EMPTY_MODULE);
		Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
		assumeThat(Files.isReadable(secret)).as("file permissions are enforced for this user").isFalse();

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(root, "")).extracting(WorkerSource::relativePath)
			.doesNotContain("secret.wasm")
			.contains("index.wasm");
	}

	@Test
	void whenRootIsRelativeThenFilesAreAbsolute() {
		Path relative = Path.of("").toAbsolutePath().relativize(root);

		assertThat(new WorkerDiscovery(Set.of("wasm")).discover(relative, "")).extracting(WorkerSource::file)
			.allMatch(Path::isAbsolute)
			.contains(root.resolve("index.wasm"));
	}

	@Test
	void whenRootIsMissingThenDiscoveryFailsNamingIt() {
		Path missing = root.resolve("missing");

		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerDiscovery(Set.of("wasm")).discover(missing, ""))
			.withMessageContaining(missing.toString());
	}

	@Test
	void whenPrefixIsNotNormalizedThenDiscoveryFails() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerDiscovery(Set.of("wasm")).discover(root, "app/"))
			.withMessageContaining("'/app'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", ".wasm", "a/b", "a\\b" })
	void whenAnExtensionIsMalformedThenItIsRefused(String extension) {
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerDiscovery(Set.of(extension)))
			.withMessageContaining("'" + extension + "'");
	}

	@Test
	void whenNoExtensionIsGivenThenDiscoveryIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerDiscovery(Set.of()));
	}

	private void write(String relativePath) throws IOException {
		Path file = root.resolve(relativePath);
		Files.createDirectories(file.getParent());
		Files.write(file, EMPTY_MODULE);
	}

}
