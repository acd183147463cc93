package dev.wasmworkers.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.ProviderMismatchException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Confined paths behave like Unix paths of the default file system, lexically. */
class ConfinedPathTests {

	@TempDir
	Path temporary;

	private FileSystem fs;

	@BeforeEach
	void mount() throws IOException {
		this.fs = ConfinedFileSystem.confine(this.temporary);
	}

	@Test
	void parsesAndPrintsLikeUnixPaths() {
		for (String text : new String[] { "/", "/a/b", "a//b/", "", "a", "/a/../b/./c", ".." }) {
			assertThat(this.fs.getPath(text)).hasToString(Path.of(text).toString());
		}
		assertThat(this.fs.getPath("a", "", "b", "c")).hasToString("a/b/c");
		assertThatExceptionOfType(InvalidPathException.class).isThrownBy(() -> this.fs.getPath("a\0b"));
	}

	@Test
	void normalizesLikeUnixPaths() {
		for (String text : new String[] { "/a/../../b", "a/../../b", "/./a/./b/..", "../a/..", "/.." }) {
			assertThat(this.fs.getPath(text).normalize()).hasToString(Path.of(text).normalize().toString());
		}
	}

	@Test
	void splitsAndJoinsLikeUnixPaths() {
		Path path = this.fs.getPath("/a/b/c");

		assertThat(path.getFileName()).isEqualTo(this.fs.getPath("c"));
		assertThat(path.getParent()).isEqualTo(this.fs.getPath("/a/b"));
		assertThat(path.getRoot()).isEqualTo(this.fs.getPath("/"));
		assertThat(this.fs.getPath("/").getParent()).isNull();
		assertThat(this.fs.getPath("a").getParent()).isNull();
		assertThat(path.subpath(1, 3)).isEqualTo(this.fs.getPath("b/c"));
		assertThat(path.getNameCount()).isEqualTo(3);
		assertThat(path.startsWith(this.fs.getPath("/a"))).isTrue();
		assertThat(path.startsWith(this.fs.getPath("a"))).isFalse();
		assertThat(path.endsWith(this.fs.getPath("b/c"))).isTrue();
		assertThat(path.resolve("d")).isEqualTo(this.fs.getPath("/a/b/c/d"));
		assertThat(path.resolve("/d")).isEqualTo(this.fs.getPath("/d"));
		assertThat(path.resolveSibling("d")).isEqualTo(this.fs.getPath("/a/b/d"));
		assertThat(path.relativize(this.fs.getPath("/a/x/y"))).isEqualTo(this.fs.getPath("../../x/y"));
		assertThat(this.fs.getPath("b").toAbsolutePath()).isEqualTo(this.fs.getPath("/b"));
		assertThat(path.toUri()).hasScheme("confined").hasPath("/a/b/c");
	}

	@Test
	void refusesPathsOfOtherFileSystems() throws IOException {
		Path other = ConfinedFileSystem.confine(this.temporary).getPath("/a");

		assertThatExceptionOfType(ProviderMismatchException.class)
			.isThrownBy(() -> this.fs.getPath("/").resolve(other));
		assertThatExceptionOfType(ProviderMismatchException.class)
			.isThrownBy(() -> this.fs.getPath("/").resolve(FileSystems.getDefault().getPath("a")));
		assertThat(this.fs.getPath("/a")).isNotEqualTo(other);
	}

}
