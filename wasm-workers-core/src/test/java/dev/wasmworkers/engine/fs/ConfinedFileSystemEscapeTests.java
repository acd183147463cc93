package dev.wasmworkers.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of a mounted folder that Chicory's plain host preopens allow (the table
 * in the last appendix of {@code spec/chicory-notes.md}), tried through the confined file
 * system.
 */
class ConfinedFileSystemEscapeTests {

	@TempDir
	Path temporary;

	private EscapeFixture host;

	private FileSystem fs;

	@BeforeEach
	void mount() throws IOException {
		this.host = new EscapeFixture(this.temporary);
		this.fs = ConfinedFileSystem.confine(this.host.folder);
	}

	@AfterEach
	void outsideIsUntouched() throws IOException {
		assertThat(this.host.outsideUnchanged()).isTrue();
	}

	@Test
	void dotDotStopsAtTheRoot() throws IOException {
		refused(() -> read("/../secret.txt"));
		refused(() -> read("/sub/../../secret.txt"));
		refused(() -> read("../../secret.txt"));
		refused(() -> read("/sub/../../outside/file.txt"));
		assertThat(list("/..")).isEqualTo(list("/"));
		Files.writeString(path("/../escaped.txt"), "x");
		assertThat(this.host.folder.resolve("escaped.txt")).hasContent("x");
	}

	@Test
	void anAbsoluteHostPathNamesAPathInsideTheFolder() {
		refused(() -> read(this.host.secret.toString()));
		refused(() -> list(this.host.outsideDir.toString()));
	}

	@Test
	void aLinkToAnAbsolutePathOutsideIsMissing() throws IOException {
		refused(() -> read("/link"));
		refused(() -> Files.readAttributes(path("/link"), "unix:*"));
		refused(() -> Files.size(path("/link")));
		assertThat(Files.exists(path("/link"))).isFalse();
		assertThat(Files.isSymbolicLink(path("/link"))).isTrue();
	}

	@Test
	void aRelativeLinkLeadingOutIsMissing() {
		refused(() -> read("/rellink"));
		refused(() -> read("/sub/up/secret.txt"));
		refused(() -> list("/sub/up"));
	}

	@Test
	void aLinkLeadingOutReadsAsATargetThatNamesNothing() throws IOException {
		Path absolute = Files.readSymbolicLink(path("/link"));
		Path relative = Files.readSymbolicLink(path("/rellink"));

		assertThat(absolute).hasToString("/../secret.txt");
		assertThat(relative).hasToString("/../secret.txt");
		refused(() -> Files.readAllBytes(absolute));
		refused(() -> Files.readAllBytes(relative.normalize()));
		refused(() -> Files.readAllBytes(relative.getParent().resolve("secret.txt")));
	}

	@Test
	void aDirectoryLinkLeadingOutIsMissing() {
		refused(() -> read("/dirlink/file.txt"));
		refused(() -> Files.readAttributes(path("/dirlink/file.txt"), "unix:*"));
		refused(() -> Files.readAttributes(path("/dirlink/file.txt"), "unix:*", LinkOption.NOFOLLOW_LINKS));
		refused(() -> list("/dirlink"));
		refused(() -> Files.readSymbolicLink(path("/dirlink/file.txt")));
	}

	@Test
	void writingThroughALinkLeadingOutIsRefused() {
		refused(() -> Files.writeString(path("/link"), "overwritten"));
		refused(() -> Files.writeString(path("/rellink"), "overwritten"));
		refused(() -> Files.writeString(path("/dangling"), "created"));
		refused(() -> Files.writeString(path("/dirlink/file.txt"), "overwritten"));
		assertThat(this.host.base.resolve("created.txt")).doesNotExist();
	}

	@Test
	void nothingIsCreatedOrRemovedBelowADirectoryLinkLeadingOut() {
		refused(() -> Files.writeString(path("/dirlink/new.txt"), "new"));
		refused(() -> Files.createDirectory(path("/dirlink/new")));
		refused(() -> Files.delete(path("/dirlink/file.txt")));
		refused(() -> Files.createSymbolicLink(path("/dirlink/l"), path("/inside.txt")));
		refused(() -> Files.setLastModifiedTime(path("/dirlink/file.txt"), FileTime.fromMillis(0)));
	}

	@Test
	void aFileOutsideCannotBeHardLinkedIn() {
		refused(() -> Files.createLink(path("/in.txt"), path("/dirlink/file.txt")));
		refused(() -> Files.createLink(path("/dirlink/in.txt"), path("/inside.txt")));
		assertThat(this.host.folder.resolve("in.txt")).doesNotExist();
	}

	@Test
	void nothingIsRenamedInOrOut() {
		refused(() -> Files.move(path("/dirlink/file.txt"), path("/file.txt"), StandardCopyOption.ATOMIC_MOVE));
		refused(() -> Files.move(path("/inside.txt"), path("/dirlink/inside.txt"), StandardCopyOption.ATOMIC_MOVE));
		refused(() -> Files.copy(path("/dirlink/file.txt"), path("/file.txt")));
		refused(() -> Files.copy(path("/inside.txt"), path("/dirlink/inside.txt")));
		assertThat(this.host.folder.resolve("inside.txt")).hasContent(EscapeFixture.INSIDE);
	}

	@Test
	void linksMadeThroughTheFileSystemLeadInside() throws IOException {
		Files.createSymbolicLink(path("/abs"), path(this.host.secret.toString()));
		Files.createSymbolicLink(path("/sub/rel"), this.fs.getPath("../../secret.txt"));

		assertThat(Files.readSymbolicLink(this.host.folder.resolve("abs")))
			.isEqualTo(Path.of(this.host.secret.toString().substring(1)));
		assertThat(Files.readSymbolicLink(this.host.folder.resolve("sub/rel"))).hasToString("../secret.txt");
		refused(() -> read("/abs"));
		refused(() -> read("/sub/rel"));
	}

	@Test
	void aListingShowsTheFoldersOwnNames() throws IOException {
		assertThat(list("/")).containsExactlyInAnyOrder("inside.txt", "sub", "link", "rellink", "rellink_in", "dirlink",
				"dangling");
		assertThat(list("/sub/back")).contains("inside.txt");
	}

	@Test
	void theRootCannotBeRemovedOrRenamed() {
		assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(() -> Files.delete(path("/")));
		assertThatExceptionOfType(AccessDeniedException.class)
			.isThrownBy(() -> Files.move(path("/"), path("/sub/root")));
		assertThat(this.host.folder).isDirectory();
	}

	private Path path(String path) {
		return this.fs.getPath(path);
	}

	private String read(String path) throws IOException {
		return Files.readString(path(path));
	}

	private List<String> list(String directory) throws IOException {
		List<String> names = new ArrayList<>();
		try (Stream<Path> entries = Files.list(path(directory))) {
			entries.forEach((entry) -> names.add(entry.getFileName().toString()));
		}
		return names;
	}

	private static void refused(ThrowingCallable attempt) {
		assertThatExceptionOfType(NoSuchFileException.class).isThrownBy(attempt);
	}

}
