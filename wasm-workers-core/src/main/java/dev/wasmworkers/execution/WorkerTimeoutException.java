package dev.wasmworkers.execution;

/** A task that ran longer than its deadline and was interrupted. */
public final class WorkerTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Creates the exception with a message naming the deadline that passed. */
	public WorkerTimeoutException(String message) {
		super(message);
	}

}
