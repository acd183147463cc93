package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;

/**
 * Builds WASI guests that work on files through their first preopen (file descriptor 3),
 * printing one line per step: what was read, {@code ok}, or {@code errno N}.
 *
 * <p>
 * Paths are relative to the preopen, as wasi-libc passes them after stripping the mount's
 * guest path. Opens follow links, as wasi-libc's do.
 */
final class FileGuest {

	private static final String IMPORTS = """
			(import "wasi_snapshot_preview1" "path_open"
			  (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
			(import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
			(import "wasi_snapshot_preview1" "path_filestat_get"
			  (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "path_create_directory"
			  (func $path_create_directory (param i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "path_remove_directory"
			  (func $path_remove_directory (param i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "path_unlink_file" (func $path_unlink_file (param i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "path_rename"
			  (func $path_rename (param i32 i32 i32 i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "path_symlink" (func $path_symlink (param i32 i32 i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "path_link"
			  (func $path_link (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
			""";

	/**
	 * Scratch memory: 64 the opened fd, 72 an iovec, 80 a byte count, 128 a filestat, 512
	 * fixed text, 1024 the steps' strings, 8192 the read buffer, 16384 the readdir
	 * buffer.
	 */
	private static final String HELPERS = """
			(memory 1)
			(data (i32.const 512) "ok\\n")
			(data (i32.const 520) "errno ")
			(data (i32.const 528) "size ")
			(data (i32.const 536) "\\n ")
			(func $newline (call $write (i32.const 1) (i32.const 536) (i32.const 1)))
			(func $report (param $errno i32)
			  (if (local.get $errno)
			    (then
			      (call $write (i32.const 1) (i32.const 520) (i32.const 6))
			      (call $print (local.get $errno))
			      (call $newline))
			    (else (call $write (i32.const 1) (i32.const 512) (i32.const 3)))))
			(func $open (param $path i32) (param $len i32) (param $oflags i32) (param $rights i64) (param $fdflags i32)
			  (result i32)
			  (call $path_open (i32.const 3) (i32.const 1) (local.get $path) (local.get $len) (local.get $oflags)
			    (local.get $rights) (i64.const 0) (local.get $fdflags) (i32.const 64)))
			(func $cat (param $path i32) (param $len i32) (local $errno i32) (local $fd i32)
			  (local.set $errno (call $open (local.get $path) (local.get $len) (i32.const 0) (i64.const 2) (i32.const 0)))
			  (if (local.get $errno) (then (call $report (local.get $errno)) (return)))
			  (local.set $fd (i32.load (i32.const 64)))
			  (loop $more
			    (i32.store (i32.const 72) (i32.const 8192))
			    (i32.store (i32.const 76) (i32.const 4096))
			    (local.set $errno (call $fd_read (local.get $fd) (i32.const 72) (i32.const 1) (i32.const 80)))
			    (if (i32.and (i32.eqz (local.get $errno)) (i32.ne (i32.load (i32.const 80)) (i32.const 0)))
			      (then
			        (call $write (i32.const 1) (i32.const 8192) (i32.load (i32.const 80)))
			        (br $more))))
			  (drop (call $fd_close (local.get $fd)))
			  (if (local.get $errno) (then (call $report (local.get $errno))) (else (call $newline))))
			(func $save (param $path i32) (param $len i32) (param $oflags i32) (param $fdflags i32)
			  (param $text i32) (param $textLen i32) (local $errno i32) (local $fd i32)
			  (local.set $errno
			    (call $open (local.get $path) (local.get $len) (local.get $oflags) (i64.const 64) (local.get $fdflags)))
			  (if (local.get $errno) (then (call $report (local.get $errno)) (return)))
			  (local.set $fd (i32.load (i32.const 64)))
			  (i32.store (i32.const 72) (local.get $text))
			  (i32.store (i32.const 76) (local.get $textLen))
			  (local.set $errno (call $fd_write (local.get $fd) (i32.const 72) (i32.const 1) (i32.const 80)))
			  (drop (call $fd_close (local.get $fd)))
			  (call $report (local.get $errno)))
			(func $list (param $path i32) (param $len i32) (local $errno i32) (local $fd i32) (local $p i32)
			  (local $end i32) (local $n i32)
			  (local.set $errno
			    (call $open (local.get $path) (local.get $len) (i32.const 2) (i64.const 16384) (i32.const 0)))
			  (if (local.get $errno) (then (call $report (local.get $errno)) (return)))
			  (local.set $fd (i32.load (i32.const 64)))
			  (local.set $errno
			    (call $fd_readdir (local.get $fd) (i32.const 16384) (i32.const 4096) (i64.const 0) (i32.const 80)))
			  (drop (call $fd_close (local.get $fd)))
			  (if (local.get $errno) (then (call $report (local.get $errno)) (return)))
			  (local.set $p (i32.const 16384))
			  (local.set $end (i32.add (i32.const 16384) (i32.load (i32.const 80))))
			  (block $done
			    (loop $entry
			      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
			      (local.set $n (i32.load (i32.add (local.get $p) (i32.const 16))))
			      (call $write (i32.const 1) (i32.add (local.get $p) (i32.const 24)) (local.get $n))
			      (call $write (i32.const 1) (i32.const 537) (i32.const 1))
			      (local.set $p (i32.add (local.get $p) (i32.add (i32.const 24) (local.get $n))))
			      (br $entry)))
			  (call $newline))
			(func $stat (param $path i32) (param $len i32) (local $errno i32)
			  (local.set $errno
			    (call $path_filestat_get (i32.const 3) (i32.const 1) (local.get $path) (local.get $len) (i32.const 128)))
			  (if (local.get $errno) (then (call $report (local.get $errno)) (return)))
			  (call $write (i32.const 1) (i32.const 528) (i32.const 5))
			  (call $print (i32.wrap_i64 (i64.load (i32.const 160))))
			  (call $newline))
			""";

	private static final int STRINGS_END = 8192;

	private final StringBuilder strings = new StringBuilder();

	private final StringBuilder steps = new StringBuilder();

	private int free = 1024;

	/** Prints the file's contents and a newline. */
	FileGuest cat(String path) {
		return step("(call $cat %s)", path);
	}

	/** Creates or truncates the file and writes the text. */
	FileGuest write(String path, String text) {
		return step("(call $save %s (i32.const 9) (i32.const 0) %s)", path, text);
	}

	/** Creates the file if needed and appends the text. */
	FileGuest append(String path, String text) {
		return step("(call $save %s (i32.const 1) (i32.const 1) %s)", path, text);
	}

	/** Prints the names in the directory on one line, each followed by a space. */
	FileGuest list(String path) {
		return step("(call $list %s)", path);
	}

	/** Prints {@code size N} for the file, links followed. */
	FileGuest stat(String path) {
		return step("(call $stat %s)", path);
	}

	/** Creates a directory. */
	FileGuest mkdir(String path) {
		return step("(call $report (call $path_create_directory (i32.const 3) %s))", path);
	}

	/** Removes an empty directory. */
	FileGuest rmdir(String path) {
		return step("(call $report (call $path_remove_directory (i32.const 3) %s))", path);
	}

	/** Removes a file. */
	FileGuest unlink(String path) {
		return step("(call $report (call $path_unlink_file (i32.const 3) %s))", path);
	}

	/** Renames a file or directory. */
	FileGuest rename(String from, String to) {
		return step("(call $report (call $path_rename (i32.const 3) %s (i32.const 3) %s))", from, to);
	}

	/** Creates a symbolic link to the target. */
	FileGuest symlink(String target, String link) {
		return step("(call $report (call $path_symlink %s (i32.const 3) %s))", target, link);
	}

	/** Creates a hard link to an existing file, links followed. */
	FileGuest link(String existing, String link) {
		return step("(call $report (call $path_link (i32.const 3) (i32.const 1) %s (i32.const 3) %s))", existing, link);
	}

	/** The module, whose {@code _start} runs the steps in order. */
	byte[] build() {
		return Wat.command(IMPORTS, HELPERS + this.strings + "(func (export \"_start\")\n" + this.steps + ")");
	}

	private FileGuest step(String template, String... texts) {
		Object[] operands = new Object[texts.length];
		for (int i = 0; i < texts.length; i++) {
			operands[i] = place(texts[i].getBytes(StandardCharsets.UTF_8));
		}
		this.steps.append(String.format(template, operands)).append('\n');
		return this;
	}

	private String place(byte[] bytes) {
		if (this.free + bytes.length > STRINGS_END) {
			throw new IllegalStateException("too much text for one guest");
		}
		StringBuilder escaped = new StringBuilder();
		for (byte b : bytes) {
			escaped.append(String.format("\\%02x", b));
		}
		this.strings.append(String.format("(data (i32.const %d) \"%s\")%n", this.free, escaped));
		String operands = String.format("(i32.const %d) (i32.const %d)", this.free, bytes.length);
		this.free += bytes.length;
		return operands;
	}

}
