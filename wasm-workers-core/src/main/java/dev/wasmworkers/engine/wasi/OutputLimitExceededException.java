package dev.wasmworkers.engine.wasi;

import com.dylibso.chicory.wasm.ChicoryException;

/** A run wrote more to stdout than its limit allows; thrown out of the run to stop it. */
public final class OutputLimitExceededException extends ChicoryException {

	private static final long serialVersionUID = 1L;

	OutputLimitExceededException(int limit) {
		super("stdout exceeded its limit of " + limit + " bytes");
	}

}
