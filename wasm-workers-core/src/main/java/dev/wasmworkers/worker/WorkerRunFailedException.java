package dev.wasmworkers.worker;

/**
 * Why a run failed: the worker trapped, exited with a non-zero code, passed a limit,
 * wrote output that is not a valid reply, or could not be loaded. The invoker does not
 * throw it; it answers the error page and passes the exception to its
 * {@link InvocationListener}.
 */
public final class WorkerRunFailedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what went wrong, naming the worker
	 */
	public WorkerRunFailedException(String message) {
		super(message, null, false, false);
	}

}
