package dev.wasmworkers.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a confined file system lets through: files and folders inside, in place. */
class ConfinedFileSystemTests {

	@TempDir
	Path temporary;

	private Path folder;

	private FileSystem fs;

	@BeforeEach
	void mount() throws IOException {
		this.folder = Files.createDirectory(this.temporary.resolve("folder")).toRealPath();
		this.fs = ConfinedFileSystem.confine(this.folder);
	}

	@Test
	void confiningNeedsAnExistingDirectory() throws IOException {
		Path file = Files.writeString(this.temporary.resolve("file.txt"), "x");

		assertThatExceptionOfType(NoSuchFileException.class)
			.isThrownBy(() -> ConfinedFileSystem.confine(this.temporary.resolve("missing")));
		assertThatExceptionOfType(NotDirectoryException.class).isThrownBy(() -> ConfinedFileSystem.confine(file));
	}

	@Test
	void writesReadsAppendsAndTruncatesFilesOnTheHost() throws IOException {
		Files.writeString(path("/notes.txt"), "one");
		Files.writeString(path("/notes.txt"), " two", StandardOpenOption.APPEND);
		assertThat(Files.readString(path("/notes.txt"))).isEqualTo("one two");
		assertThat(this.folder.resolve("notes.txt")).hasContent("one two");

		Files.writeString(path("/notes.txt"), "3", StandardOpenOption.TRUNCATE_EXISTING);
		assertThat(this.folder.resolve("notes.txt")).hasContent("3");
	}

	@Test
	void makesListsAndRemovesDirectories() throws IOException {
		Files.createDirectories(path("/a/b"));
		Files.writeString(path("/a/b/c.txt"), "c");

		assertThat(names("/a/b")).containsExactly("c.txt");
		assertThat(Files.isDirectory(path("/a"))).isTrue();
		assertThat(Files.size(path("/a/b/c.txt"))).isEqualTo(1);
		assertThat(Files.readAttributes(path("/a/b/c.txt"), "unix:*")).containsEntry("size", 1L);

		Files.delete(path("/a/b/c.txt"));
		Files.delete(path("/a/b"));
		assertThat(this.folder.resolve("a")).isEmptyDirectory();
	}

	@Test
	void renamesInside() throws IOException {
		Files.writeString(path("/old.txt"), "moved");
		Files.createDirectory(path("/dir"));

		Files.move(path("/old.txt"), path("/dir/new.txt"), StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.COPY_ATTRIBUTES);

		assertThat(this.folder.resolve("old.txt")).doesNotExist();
		assertThat(this.folder.resolve("dir/new.txt")).hasContent("moved");
	}

	@Test
	void followsLinksThatStayInside() throws IOException {
		Files.createDirectory(path("/dir"));
		Files.writeString(path("/dir/target.txt"), "target");
		Files.createSymbolicLink(this.folder.resolve("hostlink"), this.folder.resolve("dir/target.txt"));
		Files.createSymbolicLink(this.folder.resolve("dir/up"), Path.of(".."));

		Files.createSymbolicLink(path("/link"), path("/dir/target.txt"));
		Files.createSymbolicLink(path("/dir/dirlink"), path("/dir"));

		assertThat(Files.readSymbolicLink(this.folder.resolve("link"))).isEqualTo(Path.of("dir/target.txt"));
		assertThat(Files.readSymbolicLink(this.folder.resolve("dir/dirlink"))).isEqualTo(Path.of("."));
		assertThat(Files.readSymbolicLink(path("/link"))).isEqualTo(path("/dir/target.txt"));
		assertThat(Files.readSymbolicLink(path("/hostlink"))).isEqualTo(path("/dir/target.txt"));
		assertThat(Files.readString(path("/link"))).isEqualTo("target");
		assertThat(Files.readString(path("/hostlink"))).isEqualTo("target");
		assertThat(Files.readString(path("/dir/up/dir/dirlink/target.txt"))).isEqualTo("target");
		assertThat(Files.isSymbolicLink(path("/link"))).isTrue();
		assertThat(path("/dir/up/link").toRealPath()).isEqualTo(path("/dir/target.txt"));
	}

	@Test
	void makesHardLinksInside() throws IOException {
		Files.writeString(path("/file.txt"), "shared");

		Files.createLink(path("/hard.txt"), path("/file.txt"));

		assertThat(Files.isSameFile(path("/hard.txt"), path("/file.txt"))).isTrue();
		assertThat(this.folder.resolve("hard.txt")).hasContent("shared");
	}

	@Test
	void setsTimesAndReadsAttributesWithoutFollowing() throws IOException {
		Files.writeString(path("/file.txt"), "x");
		Files.createSymbolicLink(path("/link"), path("/file.txt"));
		FileTime time = FileTime.fromMillis(1_000_000_000_000L);

		Files.setLastModifiedTime(path("/link"), time);

		assertThat(Files.getLastModifiedTime(this.folder.resolve("file.txt"))).isEqualTo(time);
		Map<String, Object> link = Files.readAttributes(path("/link"), "unix:*", LinkOption.NOFOLLOW_LINKS);
		assertThat(link).containsEntry("isSymbolicLink", true);
	}

	@Test
	void theRootIsTheFolder() throws IOException {
		assertThat(Files.isDirectory(path("/"))).isTrue();
		assertThat(path("/").toRealPath()).isEqualTo(path("/"));
		assertThat(path("sub/..").toAbsolutePath().normalize()).isEqualTo(path("/"));
		assertThat(this.fs.getRootDirectories()).containsExactly(path("/"));
	}

	private Path path(String path) {
		return this.fs.getPath(path);
	}

	private List<String> names(String directory) throws IOException {
		try (Stream<Path> entries = Files.list(path(directory))) {
			return entries.map((entry) -> entry.getFileName().toString()).sorted().toList();
		}
	}

}
