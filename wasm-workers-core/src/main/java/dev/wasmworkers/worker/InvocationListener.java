package dev.wasmworkers.worker;

import java.util.concurrent.Callable;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import org.jspecify.annotations.Nullable;

/**
 * Hears about every invocation of a worker by a {@link WorkerInvoker}: when it is asked
 * for, the thread it runs on, and how it ended. This is how metrics and traces are added
 * without the core depending on them.
 *
 * <p>
 * Implementations must be thread-safe and quick; {@link Invocation#ended} may be called
 * on a worker thread, the deadline thread or the caller's thread.
 */
@FunctionalInterface
public interface InvocationListener {

	/** A listener that does nothing. */
	InvocationListener NONE = (worker, input) -> Invocation.NONE;

	/**
	 * Called on the caller's thread when an invocation is asked for, before it waits for
	 * a place in its worker's gate or in the executor.
	 * @param worker the worker to run
	 * @param input the request, without its KV snapshot
	 * @return the callbacks of this one invocation
	 */
	Invocation started(Worker worker, WorkerInput input);

	/** The callbacks of one invocation. */
	interface Invocation {

		/** Callbacks that do nothing. */
		Invocation NONE = (outcome, reply, failure) -> {
		};

		/**
		 * Wraps the run before it waits for its gate, for example to carry the caller's
		 * context onto the thread that runs it (a worker thread, or the caller's own when
		 * it runs there); that thread calls what this returns only if the run starts. Not
		 * called for a worker that failed to load.
		 * @param <T> the run's result type
		 * @param run what the running thread will call
		 * @return what the running thread calls instead
		 */
		default <T> Callable<T> onRunThread(Callable<T> run) {
			return run;
		}

		/**
		 * Called exactly once, when the invocation ended, and before its future completes
		 * unless the caller cancelled that future.
		 * @param outcome how it ended
		 * @param reply the reply it answers, present for
		 * {@link InvocationOutcome#SUCCESS} and for an {@link InvocationOutcome#ERROR}
		 * answered with the error page or 507
		 * @param failure why it did not succeed, absent for
		 * {@link InvocationOutcome#SUCCESS}
		 */
		void ended(InvocationOutcome outcome, @Nullable HttpReply reply, @Nullable Throwable failure);

	}

}
