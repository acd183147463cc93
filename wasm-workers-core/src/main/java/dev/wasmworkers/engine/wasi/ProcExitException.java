package dev.wasmworkers.engine.wasi;

import com.dylibso.chicory.wasm.ChicoryException;

/** The guest called {@code proc_exit}: thrown out of the run to end it with the code. */
public final class ProcExitException extends ChicoryException {

	private static final long serialVersionUID = 1L;

	private final int exitCode;

	ProcExitException(int exitCode) {
		super("proc_exit(" + exitCode + ")");
		this.exitCode = exitCode;
	}

	/**
	 * The code the guest exited with.
	 * @return the exit code, 0 for success
	 */
	public int exitCode() {
		return this.exitCode;
	}

	/** No stack trace: this ends a run normally, often on every request. */
	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
