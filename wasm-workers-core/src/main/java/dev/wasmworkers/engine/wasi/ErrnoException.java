package dev.wasmworkers.engine.wasi;

/**
 * Ends a WASI call early with an error number, which the host function returns to the
 * guest; never leaves the host function.
 */
final class ErrnoException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int errno;

	ErrnoException(int errno) {
		super(null, null, false, false);
		this.errno = errno;
	}

	/** The error number to return. */
	int errno() {
		return this.errno;
	}

}
