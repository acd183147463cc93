package dev.wasmworkers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.dylibso.chicory.wabt.Wat2Wasm;

/**
 * Writes small worker modules, written in WAT and compiled in the test, into a project
 * folder.
 */
public final class WatWorkers {

	private static final String FD_WRITE = "(import \"wasi_snapshot_preview1\" \"fd_write\" "
			+ "(func $fd_write (param i32 i32 i32 i32) (result i32)))";

	private WatWorkers() {
	}

	/**
	 * A worker that ignores its input and writes the given text on stdout.
	 * @param stdout what the worker prints
	 * @return the WAT source
	 */
	public static String printing(String stdout) {
		return printing("", stdout);
	}

	/**
	 * A worker that ignores its input, writes a text on stderr, then another on stdout.
	 * @param stderr what the worker writes on stderr
	 * @param stdout what the worker prints
	 * @return the WAT source
	 */
	public static String printing(String stderr, String stdout) {
		byte[] err = stderr.getBytes(StandardCharsets.UTF_8);
		byte[] out = stdout.getBytes(StandardCharsets.UTF_8);
		int outOffset = 64 + err.length;
		return "(module " + FD_WRITE + " (memory (export \"memory\") 1)" + " (data (i32.const 64) \"" + escape(err)
				+ escape(out) + "\")" + " (func (export \"_start\")" + write(2, 64, err.length)
				+ write(1, outOffset, out.length) + "))";
	}

	/**
	 * A worker that writes a valid output on stdout, then traps.
	 * @param stdout what the worker prints before trapping
	 * @return the WAT source
	 */
	public static String printingThenTrapping(String stdout) {
		String printing = printing(stdout);
		return printing.substring(0, printing.length() - 2) + " unreachable))";
	}

	private static String write(int fd, int offset, int length) {
		return " (i32.store (i32.const 0) (i32.const " + offset + "))" + " (i32.store (i32.const 4) (i32.const "
				+ length + "))" + " (drop (call $fd_write (i32.const " + fd
				+ ") (i32.const 0) (i32.const 1) (i32.const 8)))";
	}

	/**
	 * A worker that answers 200 with the given text body.
	 * @param body the response body
	 * @return the WAT source
	 */
	public static String answering(String body) {
		return printing("{\"data\":\"" + body.replace("\\", "\\\\").replace("\"", "\\\"")
				+ "\",\"headers\":{\"content-type\":\"text/plain\"},\"status\":200,\"kv\":{}}");
	}

	/**
	 * A worker that traps at once.
	 * @return the WAT source
	 */
	public static String trapping() {
		return "(module (func (export \"_start\") unreachable))";
	}

	/**
	 * A worker that loops forever, until its deadline stops it.
	 * @return the WAT source
	 */
	public static String looping() {
		return "(module (memory (export \"memory\") 1) (func (export \"_start\") (loop $forever (br $forever))))";
	}

	/**
	 * A worker that exits with the given code without writing anything.
	 * @param code the exit code
	 * @return the WAT source
	 */
	public static String exiting(int code) {
		return "(module (import \"wasi_snapshot_preview1\" \"proc_exit\" (func $exit (param i32)))"
				+ " (memory (export \"memory\") 1) (func (export \"_start\") (call $exit (i32.const " + code + "))))";
	}

	/**
	 * A module importing a function the server does not provide.
	 * @return the WAT source
	 */
	public static String importingUnknown() {
		return "(module (import \"env\" \"not_provided\" (func $f)) (func (export \"_start\") (call $f)))";
	}

	/**
	 * A module without a {@code _start} export.
	 * @return the WAT source
	 */
	public static String withoutStart() {
		return "(module (memory (export \"memory\") 1) (func (export \"main\")))";
	}

	/**
	 * Compiles WAT and writes the module at a path below a folder, creating parent
	 * folders.
	 * @param root the project folder
	 * @param relativePath the worker file, e.g. {@code sub/[id].wasm}
	 * @param wat the module source
	 */
	public static void write(Path root, String relativePath, String wat) {
		writeBytes(root, relativePath, Wat2Wasm.parse(wat));
	}

	/**
	 * Writes raw bytes as a file below a folder, creating parent folders.
	 * @param root the project folder
	 * @param relativePath the file
	 * @param bytes the content
	 */
	public static void writeBytes(Path root, String relativePath, byte[] bytes) {
		try {
			Path file = root.resolve(relativePath);
			Files.createDirectories(file.getParent());
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String escape(byte[] bytes) {
		StringBuilder escaped = new StringBuilder(bytes.length * 3);
		for (byte b : bytes) {
			escaped.append('\\').append(String.format("%02x", b & 0xff));
		}
		return escaped.toString();
	}

}
