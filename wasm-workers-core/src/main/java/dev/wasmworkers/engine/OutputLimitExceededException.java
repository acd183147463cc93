package dev.wasmworkers.engine;

/**
 * Thrown from inside a module's {@code fd_write} when stdout reaches its limit, to stop
 * the run.
 *
 * <p>
 * It is unchecked on purpose: Chicory's {@code fd_write} turns an
 * {@link java.io.IOException} into an error code the module could ignore, but lets other
 * exceptions end the call into the module. It carries no stack trace, as it is expected
 * and cheap.
 */
final class OutputLimitExceededException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Creates the exception for a stream with the given limit in bytes. */
	OutputLimitExceededException(int limit) {
		super("stdout exceeded its limit of " + limit + " bytes", null, false, false);
	}

}
