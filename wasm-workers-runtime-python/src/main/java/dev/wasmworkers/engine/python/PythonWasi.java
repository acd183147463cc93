package dev.wasmworkers.engine.python;

import com.dylibso.chicory.log.Logger;
import com.dylibso.chicory.log.SystemLogger;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The WASI context of one instance of the runtime: its stdin, its stdout and stderr, and
 * the guest folder, which the runtime sees as {@value GuestFolder#ROOT}. No environment
 * and no arguments: the runtime was initialised with its own, and the worker's variables
 * are set by the shim.
 *
 * <p>
 * For now Chicory's {@code WasiPreview1}, built for each instance; the engine's own WASI
 * implementation takes its place when it lands.
 */
final class PythonWasi implements AutoCloseable {

	/** Chicory's WASI logger, shared, as in the engine's other programs. */
	private static final Logger WASI_LOGGER = new SystemLogger();

	private final WasiPreview1 wasi;

	PythonWasi(byte[] stdin, OutputStream stdout, OutputStream stderr, Path guestFolder) {
		this.wasi = WasiPreview1.builder()
			.withLogger(WASI_LOGGER)
			.withOptions(WasiOptions.builder()
				.withStdin(new ByteArrayInputStream(stdin), false)
				.withStdout(stdout, false)
				.withStderr(stderr, false)
				.withDirectory(GuestFolder.ROOT, guestFolder)
				.build())
			.build();
	}

	HostFunction[] functions() {
		return this.wasi.toHostFunctions();
	}

	@Override
	public void close() {
		this.wasi.close();
	}

}
