package dev.wasmworkers.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.http.OutboundHttp;
import dev.wasmworkers.worker.Worker;

/**
 * Writes the files of small workers, compiled from WAT in the test, and runs a loaded
 * worker once.
 */
final class ReloadedWorkers {

	private ReloadedWorkers() {
	}

	/**
	 * Writes a worker that prints a text on stdout, creating parent folders.
	 * @param root the project folder
	 * @param file the worker file, relative to the folder
	 * @param stdout what it prints
	 */
	static void printing(Path root, String file, String stdout) {
		byte[] text = stdout.getBytes(StandardCharsets.UTF_8);
		StringBuilder data = new StringBuilder();
		for (byte b : text) {
			data.append(String.format("\\%02x", b & 0xff));
		}
		write(root, file,
				Wat2Wasm.parse("(module (import \"wasi_snapshot_preview1\" \"fd_write\""
						+ " (func $fd_write (param i32 i32 i32 i32) (result i32))) (memory (export \"memory\") 1)"
						+ " (data (i32.const 64) \"" + data + "\") (func (export \"_start\")"
						+ " (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const " + text.length
						+ ")) (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))"));
	}

	/**
	 * Writes a file, creating parent folders.
	 * @param root the project folder
	 * @param file the file, relative to the folder
	 * @param bytes its content
	 */
	static void write(Path root, String file, byte[] bytes) {
		try {
			Path path = root.resolve(file);
			Files.createDirectories(path.getParent());
			Files.write(path, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs a served worker once and returns what it printed.
	 * @param worker the worker
	 * @return its stdout
	 */
	static String run(Worker worker) {
		RunResult result = worker.program()
			.orElseThrow()
			.run(new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1 << 16, 16, List.of(),
					OutboundHttp.none()));
		return new String(result.stdout(), StandardCharsets.UTF_8);
	}

}
