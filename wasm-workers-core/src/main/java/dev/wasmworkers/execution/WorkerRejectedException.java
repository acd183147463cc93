package dev.wasmworkers.execution;

/**
 * A task the {@link WorkerExecutor} did not accept, because its queue was full or it was
 * closed.
 */
public final class WorkerRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** Creates the exception with a message saying why the task was not accepted. */
	public WorkerRejectedException(String message) {
		super(message);
	}

}
