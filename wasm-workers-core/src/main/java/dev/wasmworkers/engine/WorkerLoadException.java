package dev.wasmworkers.engine;

/** A worker module that cannot be served, with the reason. */
public class WorkerLoadException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String workerName;

	private final String reason;

	/** Creates an exception for the named worker with the reason it cannot be served. */
	public WorkerLoadException(String workerName, String reason) {
		super(message(workerName, reason));
		this.workerName = workerName;
		this.reason = reason;
	}

	/**
	 * Creates an exception for the named worker with the reason and the failure behind
	 * it.
	 */
	public WorkerLoadException(String workerName, String reason, Throwable cause) {
		super(message(workerName, reason), cause);
		this.workerName = workerName;
		this.reason = reason;
	}

	/** The name of the worker that cannot be served. */
	public String workerName() {
		return this.workerName;
	}

	/** Why the worker cannot be served, without the worker's name. */
	public String reason() {
		return this.reason;
	}

	private static String message(String workerName, String reason) {
		return "Worker '" + workerName + "' cannot be served: " + reason;
	}

}
