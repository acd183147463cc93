package dev.wasmworkers.engine;

/** How one run ended. */
public enum RunStatus {

	/** The entry points returned, or the module called {@code proc_exit(0)}. */
	COMPLETED,

	/** The module called {@code proc_exit} with a non-zero code. */
	EXITED_WITH_ERROR,

	/** The module trapped, overflowed its stack, or failed inside the runtime. */
	TRAPPED,

	/**
	 * The running thread was interrupted, for example because the run passed its
	 * deadline.
	 */
	INTERRUPTED,

	/** The module wrote more to stdout than the run allows and was stopped. */
	STDOUT_LIMIT_EXCEEDED

}
