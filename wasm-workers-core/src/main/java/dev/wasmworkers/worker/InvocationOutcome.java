package dev.wasmworkers.worker;

/**
 * How one invocation of a worker ended, as the {@link WorkerInvoker} tells its
 * {@link InvocationListener}.
 */
public enum InvocationOutcome {

	/**
	 * The worker ran and its output became the reply, whatever status the worker chose, a
	 * 500 included.
	 */
	SUCCESS,

	/**
	 * The run failed: the worker trapped, exited with a non-zero code, passed a memory or
	 * output limit, wrote output that is not a valid reply, could not be loaded, had its
	 * KV changes refused, could not reach the KV store, or found its namespace changed by
	 * another run each time it ran with {@code on_conflict = "retry"}; the reply is the
	 * error page, or the 507, 503 or 409 answer.
	 */
	ERROR,

	/** The run passed its deadline and was stopped. */
	TIMEOUT,

	/**
	 * The run never started because the worker's queue or the executor's queue was full,
	 * or the executor was closed.
	 */
	REJECTED,

	/**
	 * The caller gave up on the invocation, for example because the client went away,
	 * before it ended.
	 */
	CANCELLED

}
