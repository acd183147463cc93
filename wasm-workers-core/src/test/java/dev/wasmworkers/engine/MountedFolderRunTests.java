package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmworkers.engine.fs.EscapeFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WASI guests in a mounted folder: in place and persistent inside, shut in. */
class MountedFolderRunTests {

	private static final String ENOENT = "errno 44";

	private static final String EPERM = "errno 63";

	private static final String EACCES = "errno 2";

	private static final String EBADF = "errno 8";

	@TempDir
	Path temporary;

	private final WasmEngine engine = new WasmEngine();

	private EscapeFixture host;

	private MountedFolder mount;

	@BeforeEach
	void mount() throws IOException {
		this.host = new EscapeFixture(this.temporary);
		this.mount = MountedFolder.of(this.host.folder, "/data");
	}

	@AfterEach
	void outsideIsUntouched() throws IOException {
		assertThat(this.host.outsideUnchanged()).isTrue();
	}

	@Test
	void readsAFileInsideTheMount() {
		assertThat(run(new FileGuest().cat("inside.txt").cat("sub/back/inside.txt").cat("rellink_in")))
			.containsExactly(EscapeFixture.INSIDE, EscapeFixture.INSIDE, EscapeFixture.INSIDE);
	}

	@Test
	void writesStayOnTheHostForLaterRuns() {
		assertThat(run(new FileGuest().write("notes.txt", "hello").append("notes.txt", " world"))).containsExactly("ok",
				"ok");
		assertThat(this.host.folder.resolve("notes.txt")).hasContent("hello world");

		assertThat(run(new FileGuest().cat("notes.txt").write("notes.txt", "x").cat("notes.txt")))
			.containsExactly("hello world", "ok", "x");
		assertThat(this.host.folder.resolve("notes.txt")).hasContent("x");
	}

	@Test
	void makesListsAndRemovesDirectories() {
		assertThat(run(new FileGuest().mkdir("dir")
			.write("dir/file.txt", "12345")
			.list("dir")
			.stat("dir/file.txt")
			.unlink("dir/file.txt")
			.rmdir("dir"))).containsExactly("ok", "ok", ". .. file.txt ", "size 5", "ok", "ok");
		assertThat(this.host.folder.resolve("dir")).doesNotExist();
	}

	@Test
	void renamesAndLinksInside() throws IOException {
		assertThat(run(new FileGuest().rename("inside.txt", "sub/renamed.txt")
			.symlink("sub/renamed.txt", "mylink")
			.cat("mylink")
			.link("mylink", "hard.txt")
			.cat("hard.txt"))).containsExactly("ok", "ok", EscapeFixture.INSIDE, "ok", EscapeFixture.INSIDE);
		assertThat(this.host.folder.resolve("sub/renamed.txt")).hasContent(EscapeFixture.INSIDE);
		assertThat(Files.readSymbolicLink(this.host.folder.resolve("mylink"))).isEqualTo(Path.of("sub/renamed.txt"));
		assertThat(this.host.folder.resolve("hard.txt")).hasContent(EscapeFixture.INSIDE);
	}

	@Test
	void dotDotAndAbsolutePathsAreRefused() {
		String secret = this.host.secret.toString();

		assertThat(run(new FileGuest().cat("../secret.txt")
			.cat("sub/../../secret.txt")
			.cat(secret)
			.cat(secret.substring(1))
			.write("../escaped.txt", "x")
			.mkdir("../escaped")
			.symlink("../secret.txt", "up")
			.rename("inside.txt", "../inside.txt")))
			.containsExactly(EPERM, EPERM, EPERM, ENOENT, EPERM, EACCES, EACCES, EACCES);
	}

	@Test
	void linksLeadingOutReadAsMissing() {
		assertThat(run(new FileGuest().cat("link")
			.cat("rellink")
			.cat("dirlink/file.txt")
			.cat("sub/up/secret.txt")
			.stat("link")
			.stat("dirlink")
			.list("dirlink")
			.list("sub/up"))).containsOnly(ENOENT).hasSize(8);
	}

	@Test
	void nothingIsWrittenThroughLinksLeadingOut() {
		assertThat(run(new FileGuest().write("link", "x")
			.append("rellink", "x")
			.write("dangling", "x")
			.write("dirlink/new.txt", "x")
			.mkdir("dirlink/new")
			.unlink("dirlink/file.txt")
			.link("dirlink/file.txt", "in.txt")
			.rename("dirlink/file.txt", "in.txt")
			.rename("inside.txt", "dirlink/inside.txt"))).containsOnly(ENOENT).hasSize(9);
		assertThat(this.host.base.resolve("created.txt")).doesNotExist();
	}

	@Test
	void aListingLeavesOutLinksLeadingOut() {
		List<String> listed = run(new FileGuest().list("."));

		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).split(" ")).containsExactlyInAnyOrder(".", "..", "inside.txt", "sub", "rellink_in");
	}

	@Test
	void withoutAMountTheGuestHasNoFiles() {
		assertThat(run(new FileGuest().cat("inside.txt").cat(this.host.secret.toString()), List.of()))
			.containsExactly(EBADF, EBADF);
	}

	private List<String> run(FileGuest guest) {
		return run(guest, List.of(this.mount));
	}

	private List<String> run(FileGuest guest, List<MountedFolder> mounts) {
		WasmProgram program;
		try {
			program = this.engine.compile("guest", guest.build());
		}
		catch (WorkerLoadException ex) {
			throw new IllegalStateException(ex);
		}
		RunResult result = program.run(new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1 << 10, 2, mounts));
		assertThat(result.succeeded()).as(result.detail()).isTrue();
		return Arrays.asList(new String(result.stdout(), StandardCharsets.UTF_8).split("\n"));
	}

}
