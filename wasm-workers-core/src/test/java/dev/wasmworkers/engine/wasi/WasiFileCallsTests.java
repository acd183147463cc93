package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.dylibso.chicory.runtime.Memory;
import dev.wasmworkers.engine.fs.ConfinedFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The descriptor and path calls on files in a preopened folder: the caps on open files
 * and disk writes, hostile paths, directory listings, attributes, links, and a preopen
 * made of a root folder with another folder mounted below it.
 */
class WasiFileCallsTests {

	/**
	 * Two pages; scratch from 60000: the opened fd at 60000, an iovec at 60008, a byte
	 * count at 60016. {@code $create(path, len)} opens a file for writing, creating it;
	 * {@code $write(fd, ptr, len)} writes one buffer; both return the errno.
	 */
	private static final String HELPERS = """
			(memory 2)
			(func $open (param $path i32) (param $len i32) (param $oflags i32) (param $rights i64) (result i32)
			  (call $path_open (i32.const 3) (i32.const 1) (local.get $path) (local.get $len) (local.get $oflags)
			    (local.get $rights) (i64.const 0) (i32.const 0) (i32.const 60000)))
			(func $create (param $path i32) (param $len i32) (result i32)
			  (call $open (local.get $path) (local.get $len) (i32.const 1) (i64.const 0x42)))
			(func $fd (result i32) (i32.load (i32.const 60000)))
			(func $write (param $fd i32) (param $ptr i32) (param $len i32) (result i32)
			  (i32.store (i32.const 60008) (local.get $ptr))
			  (i32.store (i32.const 60012) (local.get $len))
			  (call $fd_write (local.get $fd) (i32.const 60008) (i32.const 1) (i32.const 60016)))
			(func $count (result i32) (i32.load (i32.const 60016)))
			""";

	@TempDir
	Path folder;

	private Preopen preopen;

	@BeforeEach
	void preopen() throws IOException {
		this.preopen = Preopen.of("/data", ConfinedFileSystem.confine(this.folder).getPath("/"));
	}

	@Test
	void opensAtMostMaxOpenFilesAndOneMoreOnceOneIsClosed() {
		WasiContext context = context(3, 1 << 20);
		WasiGuest.Outcome outcome = run("""
				(data (i32.const 1000) "abcd")
				(func (export "_start") (local $first i32)
				  (i32.store (i32.const 0) (call $create (i32.const 1000) (i32.const 1)))
				  (local.set $first (call $fd))
				  (i32.store (i32.const 4) (call $create (i32.const 1001) (i32.const 1)))
				  (i32.store (i32.const 8) (call $create (i32.const 1002) (i32.const 1)))
				  (i32.store (i32.const 12) (call $create (i32.const 1003) (i32.const 1)))
				  (i32.store (i32.const 16) (call $fd_close (local.get $first)))
				  (i32.store (i32.const 20) (call $create (i32.const 1003) (i32.const 1))))
				""", context);

		assertThat(new int[] { outcome.i32(0), outcome.i32(4), outcome.i32(8) }).containsOnly(0);
		assertThat(outcome.i32(12)).as("EMFILE").isEqualTo(33);
		assertThat(outcome.i32(16)).isZero();
		assertThat(outcome.i32(20)).isZero();
		assertThat(context.close()).as("left open").isEqualTo(3);
	}

	@Test
	@EnabledOnOs(OS.LINUX)
	void theHostFilesOfEveryDescriptorAreClosedWhenTheContextCloses() throws IOException {
		String guest = """
				(data (i32.const 1000) "abcdefghij")
				(func (export "_start") (local $i i32)
				  (loop $more
				    (i32.store (i32.const 0) (call $create (i32.add (i32.const 1000) (local.get $i)) (i32.const 1)))
				    (local.set $i (i32.add (local.get $i) (i32.const 1)))
				    (br_if $more (i32.lt_u (local.get $i) (i32.const 10)))))
				""";
		// A first run loads, and so opens the jars of, every class the calls use; the
		// process's descriptors are counted after it.
		WasiContext first = context(64, 1 << 20);
		run(guest, first);
		first.close();
		long before = openHostFiles();
		WasiContext context = context(64, 1 << 20);
		WasiGuest.Outcome outcome = run(guest, context);

		assertThat(outcome.i32(0)).isZero();
		assertThat(openHostFiles()).isGreaterThanOrEqualTo(before + 10);
		assertThat(context.close()).isEqualTo(10);
		assertThat(openHostFiles()).isLessThanOrEqualTo(before);
	}

	@Test
	void writesStopAtTheDiskWriteBudgetWhichPaysForNamesToo() throws IOException {
		WasiContext context = context(64, 11);
		WasiGuest.Outcome outcome = run("""
				(data (i32.const 1000) "f0123456789")
				(func (export "_start") (local $fd i32)
				  (drop (call $create (i32.const 1000) (i32.const 1)))
				  (local.set $fd (call $fd))
				  (i32.store (i32.const 0) (call $write (local.get $fd) (i32.const 1001) (i32.const 8)))
				  (i32.store (i32.const 4) (call $count))
				  (i32.store (i32.const 8) (call $write (local.get $fd) (i32.const 1001) (i32.const 8)))
				  (i32.store (i32.const 12) (call $count))
				  (i32.store (i32.const 16) (call $write (local.get $fd) (i32.const 1001) (i32.const 8)))
				  (i32.store (i32.const 20) (call $fd_filestat_set_size (local.get $fd) (i64.const 1000)))
				  (i32.store (i32.const 24) (call $fd_filestat_set_size (local.get $fd) (i64.const 4)))
				  (i32.store (i32.const 28) (call $write (local.get $fd) (i32.const 1001) (i32.const 0))))
				""", context);

		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.i32(4)).isEqualTo(8);
		assertThat(outcome.i32(8)).isZero();
		assertThat(outcome.i32(12)).as("a short write").isEqualTo(2);
		assertThat(outcome.i32(16)).as("EDQUOT").isEqualTo(19);
		assertThat(outcome.i32(20)).as("growth: EDQUOT").isEqualTo(19);
		assertThat(outcome.i32(24)).as("shrinking writes nothing").isZero();
		assertThat(outcome.i32(28)).as("writing nothing").isZero();
		assertThat(this.folder.resolve("f")).hasContent("0123");
	}

	@Test
	void aPathLongerThanMemoryTrapsAndOneLongerThanPathMaxIsRefused() {
		WasiGuest.Outcome huge = run("""
				(func (export "_start") (drop (call $create (i32.const 1000) (i32.const 0x7ffffff0))))
				""", context(64, 1 << 20));
		WasiGuest.Outcome tooLong = run("""
				(func (export "_start") (i32.store (i32.const 0) (call $create (i32.const 1000) (i32.const 5000))))
				""", context(64, 1 << 20));

		assertThat(huge.ending()).hasMessageContaining("out of bounds memory access");
		assertThat(tooLong.ending()).isNull();
		assertThat(tooLong.i32(0)).as("ENAMETOOLONG").isEqualTo(37);
	}

	@Test
	void openingWithDirectoryAndCreateNeverCreatesAFile() throws IOException {
		Files.createDirectory(this.folder.resolve("existing"));
		WasiGuest.Outcome outcome = run(
				"""
						(data (i32.const 1000) "new")
						(data (i32.const 1100) "existing")
						(func (export "_start")
						  (i32.store (i32.const 0) (call $open (i32.const 1000) (i32.const 3) (i32.const 3) (i64.const 0x4000)))
						  (i32.store (i32.const 4) (call $open (i32.const 1100) (i32.const 8) (i32.const 3) (i64.const 0x4000)))
						  (i32.store (i32.const 8) (call $open (i32.const 1000) (i32.const 3) (i32.const 2) (i64.const 0x4000)))
						  (i32.store (i32.const 12) (call $open (i32.const 1100) (i32.const 8) (i32.const 2) (i64.const 0x4000))))
						""",
				context(64, 1 << 20));

		assertThat(outcome.i32(0)).as("EINVAL").isEqualTo(28);
		assertThat(outcome.i32(4)).as("EINVAL").isEqualTo(28);
		assertThat(outcome.i32(8)).as("ENOENT").isEqualTo(44);
		assertThat(outcome.i32(12)).isZero();
		assertThat(this.folder.resolve("new")).doesNotExist();
		assertThat(this.folder.resolve("existing")).isDirectory();
	}

	@Test
	void pathsCannotLeaveTheirDirectory() {
		WasiGuest.Outcome outcome = run(
				"""
						(data (i32.const 1000) "../x")
						(data (i32.const 1100) "/etc/passwd")
						(data (i32.const 1200) "a/../../x")
						(func (export "_start")
						  (i32.store (i32.const 0) (call $create (i32.const 1000) (i32.const 4)))
						  (i32.store (i32.const 4) (call $create (i32.const 1100) (i32.const 11)))
						  (i32.store (i32.const 8) (call $create (i32.const 1200) (i32.const 9)))
						  (i32.store (i32.const 12) (call $path_create_directory (i32.const 3) (i32.const 1000) (i32.const 4)))
						  (i32.store (i32.const 16) (call $path_symlink (i32.const 1000) (i32.const 4) (i32.const 3) (i32.const 1200) (i32.const 1))))
						""",
				context(64, 1 << 20));

		assertThat(new int[] { outcome.i32(0), outcome.i32(4), outcome.i32(8) }).as("EPERM").containsOnly(63);
		assertThat(new int[] { outcome.i32(12), outcome.i32(16) }).as("EACCES").containsOnly(2);
		assertThat(this.folder.getParent().resolve("x")).doesNotExist();
	}

	@Test
	void readsADirectoryAcrossSmallBuffersWithCookies() throws IOException {
		for (String name : List.of("e", "b", "d", "a", "c")) {
			Files.writeString(this.folder.resolve(name), name);
		}
		// Reads with a 40-byte buffer (one entry and a part of the next), resuming from
		// the
		// d_next of the last whole entry, writing the names it got from 2000 on.
		WasiGuest.Outcome outcome = run(
				"""
						(data (i32.const 1000) ".")
						(func (export "_start") (local $dir i32) (local $cookie i64) (local $out i32) (local $used i32)
						  (i32.store (i32.const 0) (call $open (i32.const 1000) (i32.const 1) (i32.const 2) (i64.const 0x4000)))
						  (local.set $dir (call $fd))
						  (local.set $out (i32.const 2000))
						  (loop $more
						    (drop (call $fd_readdir (local.get $dir) (i32.const 3000) (i32.const 40) (local.get $cookie) (i32.const 60016)))
						    (local.set $used (call $count))
						    (if (i32.ge_u (local.get $used) (i32.add (i32.const 24) (i32.load (i32.const 3016))))
						      (then
						        (memory.copy (local.get $out) (i32.const 3024) (i32.load (i32.const 3016)))
						        (local.set $out (i32.add (local.get $out) (i32.load (i32.const 3016))))
						        (i32.store8 (local.get $out) (i32.const 32))
						        (local.set $out (i32.add (local.get $out) (i32.const 1)))
						        (local.set $cookie (i64.load (i32.const 3000)))
						        (br $more))))
						  (i32.store (i32.const 4) (i32.sub (local.get $out) (i32.const 2000))))
						""",
				context(64, 1 << 20));

		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.instance().memory().readString(2000, outcome.i32(4))).isEqualTo(". .. a b c d e ");
	}

	@Test
	void filesHavePositionsSizesAndAttributes() {
		WasiGuest.Outcome outcome = run(
				"""
						(data (i32.const 1000) "file.txtHELLO")
						(func (export "_start") (local $fd i32)
						  (i32.store (i32.const 0) (call $open (i32.const 1000) (i32.const 8) (i32.const 1) (i64.const 0x66)))
						  (local.set $fd (call $fd))
						  (drop (call $write (local.get $fd) (i32.const 1008) (i32.const 5)))
						  (i32.store (i32.const 4) (call $fd_seek (local.get $fd) (i64.const -4) (i32.const 2) (i32.const 100)))
						  (i32.store (i32.const 8) (call $fd_tell (local.get $fd) (i32.const 108)))
						  (i32.store (i32.const 60008) (i32.const 2000))
						  (i32.store (i32.const 60012) (i32.const 2))
						  (i32.store (i32.const 12) (call $fd_pread (local.get $fd) (i32.const 60008) (i32.const 1) (i64.const 3) (i32.const 116)))
						  (i32.store (i32.const 60008) (i32.const 1008))
						  (i32.store (i32.const 16) (call $fd_pwrite (local.get $fd) (i32.const 60008) (i32.const 1) (i64.const 5) (i32.const 120)))
						  (i32.store (i32.const 20) (call $fd_filestat_get (local.get $fd) (i32.const 200)))
						  (i32.store (i32.const 24) (call $fd_fdstat_get (local.get $fd) (i32.const 300)))
						  (i32.store (i32.const 28) (call $path_filestat_get (i32.const 3) (i32.const 1) (i32.const 1000) (i32.const 8) (i32.const 400)))
						  (i32.store (i32.const 32) (call $fd_prestat_get (i32.const 3) (i32.const 500)))
						  (i32.store (i32.const 36) (call $fd_prestat_dir_name (i32.const 3) (i32.const 508) (i32.const 5)))
						  (i32.store (i32.const 40) (call $fd_prestat_get (local.get $fd) (i32.const 500))))
						""",
				context(64, 1 << 20));

		assertThat(new int[] { outcome.i32(0), outcome.i32(4), outcome.i32(8), outcome.i32(12), outcome.i32(16),
				outcome.i32(20), outcome.i32(24), outcome.i32(28), outcome.i32(32), outcome.i32(36) })
			.containsOnly(0);
		Memory memory = outcome.instance().memory();
		assertThat(outcome.i64(100)).isEqualTo(1);
		assertThat(outcome.i64(108)).isEqualTo(1);
		assertThat(memory.readString(2000, 2)).isEqualTo("LO");
		assertThat(outcome.i32(120)).isEqualTo(2);
		assertThat(memory.read(216)).as("regular file").isEqualTo((byte) 4);
		assertThat(outcome.i64(232)).as("size").isEqualTo(7);
		assertThat(memory.read(300)).isEqualTo((byte) 4);
		assertThat(outcome.i64(308) & 0x42).as("read and write rights").isEqualTo(0x42);
		assertThat(outcome.i64(432)).isEqualTo(7);
		assertThat(outcome.i32(504)).isEqualTo(5);
		assertThat(memory.readString(508, 5)).isEqualTo("/data");
		assertThat(outcome.i32(40)).as("not a preopen").isEqualTo(8);
	}

	@Test
	void linksStayInsideAndRemovalsCheckWhatTheyRemove() throws IOException {
		Files.writeString(this.folder.resolve("target.txt"), "t");
		Files.createDirectory(this.folder.resolve("dir"));
		WasiGuest.Outcome outcome = run(
				"""
						(data (i32.const 1000) "target.txt")
						(data (i32.const 1100) "dir/link")
						(data (i32.const 1200) "../target.txt")
						(data (i32.const 1300) "dir")
						(func (export "_start")
						  (i32.store (i32.const 0) (call $path_symlink (i32.const 1200) (i32.const 13) (i32.const 3) (i32.const 1100) (i32.const 8)))
						  (i32.store (i32.const 4) (call $path_readlink (i32.const 3) (i32.const 1100) (i32.const 8) (i32.const 2000) (i32.const 100) (i32.const 100)))
						  (i32.store (i32.const 8) (call $path_unlink_file (i32.const 3) (i32.const 1300) (i32.const 3)))
						  (i32.store (i32.const 12) (call $path_remove_directory (i32.const 3) (i32.const 1000) (i32.const 10)))
						  (i32.store (i32.const 16) (call $path_readlink (i32.const 3) (i32.const 1100) (i32.const 8) (i32.const 3000) (i32.const 4) (i32.const 104))))
						""",
				context(64, 1 << 20));

		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.i32(4)).isZero();
		assertThat(outcome.instance().memory().readString(2000, outcome.i32(100))).isEqualTo("../target.txt");
		assertThat(outcome.i32(8)).as("EISDIR").isEqualTo(31);
		assertThat(outcome.i32(12)).as("ENOTDIR").isEqualTo(54);
		assertThat(outcome.i32(104)).as("truncated to the buffer").isEqualTo(4);
		assertThat(Files.readSymbolicLink(this.folder.resolve("dir/link"))).hasToString("../target.txt");
	}

	@Test
	void aPreopenShowsFoldersMountedBelowItsRootAndKeepsThemApart(@TempDir Path mounted) throws IOException {
		Path root = Files.createDirectory(this.folder.resolve("root"));
		Files.writeString(mounted.resolve("inside.txt"), "mounted");
		this.preopen = Preopen.of("/guest", ConfinedFileSystem.confine(root).getPath("/"))
			.withMount("lib/data", ConfinedFileSystem.confine(mounted).getPath("/"));
		WasiGuest.Outcome outcome = run(
				"""
						(data (i32.const 1000) "lib/data/new.txt")
						(data (i32.const 1100) "top.txt")
						(data (i32.const 1200) "lib/data/../data/inside.txt")
						(data (i32.const 1300) "lib/data/top.txt")
						(data (i32.const 1400) "lib/data/..")
						(func (export "_start")
						  (i32.store (i32.const 0) (call $create (i32.const 1000) (i32.const 16)))
						  (i32.store (i32.const 4) (call $create (i32.const 1100) (i32.const 7)))
						  (i32.store (i32.const 8) (call $open (i32.const 1200) (i32.const 27) (i32.const 0) (i64.const 2)))
						  (i32.store (i32.const 60008) (i32.const 2000))
						  (i32.store (i32.const 60012) (i32.const 100))
						  (i32.store (i32.const 12) (call $fd_read (call $fd) (i32.const 60008) (i32.const 1) (i32.const 60016)))
						  (i32.store (i32.const 16) (call $path_rename (i32.const 3) (i32.const 1100) (i32.const 7) (i32.const 3) (i32.const 1300) (i32.const 16)))
						  (i32.store (i32.const 20) (call $path_remove_directory (i32.const 3) (i32.const 1400) (i32.const 11))))
						""",
				context(64, 1 << 20));

		assertThat(new int[] { outcome.i32(0), outcome.i32(4), outcome.i32(8), outcome.i32(12) }).containsOnly(0);
		assertThat(mounted.resolve("new.txt")).exists();
		assertThat(root.resolve("top.txt")).exists();
		assertThat(root.resolve("lib/data")).isEmptyDirectory();
		assertThat(outcome.instance().memory().readString(2000, outcome.i32(60016))).isEqualTo("mounted");
		assertThat(outcome.i32(16)).as("EXDEV").isEqualTo(75);
		assertThat(outcome.i32(20)).as("ENOTEMPTY: lib holds the mount's directory").isEqualTo(55);
	}

	private WasiGuest.Outcome run(String fields, WasiContext context) {
		return WasiGuest.of(HELPERS + fields).run(context);
	}

	private WasiContext context(int maxOpenFiles, long maxDiskWrite) {
		return WasiContext.builder()
			.stdoutLimit(1 << 16)
			.stderrLimit(1 << 16)
			.preopen(this.preopen)
			.maxOpenFiles(maxOpenFiles)
			.maxDiskWrite(maxDiskWrite)
			.build();
	}

	private static long openHostFiles() throws IOException {
		try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
			return descriptors.count();
		}
	}

}
