package dev.wasmworkers.engine;

import java.time.Duration;

/** A compiled worker module, shared by all requests (thread-safe). */
public interface WasmProgram {

	/**
	 * Runs the module's entry points once (a command's {@code _start}, or a reactor's
	 * {@code _initialize} and default export) in a fresh instance with a fresh WASI
	 * context, on the calling thread.
	 *
	 * <p>
	 * Never throws for anything the module does: traps, exits, interruption and output
	 * overflow are all reported in the result. If the calling thread is interrupted the
	 * run stops with {@link RunStatus#INTERRUPTED} and the thread's interrupt flag stays
	 * set.
	 */
	RunResult run(RunRequest request);

	/** How long {@link WasmEngine#compile(String, byte[])} took for this module. */
	Duration compileTime();

	/**
	 * The linear memory a run needs before the worker's own code runs: the module's
	 * declared initial memory. A run whose memory cap is smaller fails at once.
	 * @return the number of 64 KiB pages
	 */
	default int requiredMemoryPages() {
		return 0;
	}

	/**
	 * Whether the module imports the outbound HTTP host function
	 * {@code http.send-http-request}, so that its runs may send requests through
	 * {@link RunRequest#outboundHttp()}.
	 * @return true when it imports the function
	 */
	default boolean sendsHttpRequests() {
		return false;
	}

}
