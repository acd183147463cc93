package dev.wasmworkers.execution;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One submitted task: the runnable the pool queues and runs, and the future its submitter
 * holds.
 *
 * <p>
 * The task itself runs inside a {@link FutureTask}, which interrupts the running thread
 * on cancellation and does not return to the pool before that interrupt has been
 * delivered, so the pool can clear it before the thread's next task.
 */
final class Invocation<T> extends CompletableFuture<T> implements Runnable {

	private final Attempt attempt;

	private final Duration deadline;

	private final long deadlineNanos;

	private final ScheduledExecutorService alarms;

	private final ThreadPoolExecutor pool;

	/**
	 * Creates the invocation of a task that gets the deadline once it starts on the pool.
	 */
	Invocation(Callable<T> task, Duration deadline, ScheduledExecutorService alarms, ThreadPoolExecutor pool) {
		this.attempt = new Attempt(task);
		this.deadline = deadline;
		this.deadlineNanos = deadline.toNanos();
		this.alarms = alarms;
		this.pool = pool;
	}

	/**
	 * Runs the task on the calling pool thread, unless the invocation already ended, with
	 * its deadline armed.
	 */
	@Override
	public void run() {
		if (isDone()) {
			return;
		}
		ScheduledFuture<?> alarm = this.alarms.schedule(this::expire, this.deadlineNanos, TimeUnit.NANOSECONDS);
		try {
			this.attempt.run();
		}
		finally {
			alarm.cancel(false);
		}
	}

	/**
	 * Cancels the invocation: a queued task leaves the queue, a running one is
	 * interrupted whatever {@code mayInterruptIfRunning} says.
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		this.attempt.cancel(true);
		this.pool.remove(this);
		return cancelled;
	}

	/** Ends a task that will never start, failing its future with the given exception. */
	void abandon(RuntimeException reason) {
		completeExceptionally(reason);
	}

	private void expire() {
		if (completeExceptionally(new WorkerTimeoutException(
				"the worker ran longer than its deadline of " + this.deadline.toMillis() + " ms"))) {
			this.attempt.cancel(true);
		}
	}

	/** The run of the task itself, passing its outcome to the invocation's future. */
	private final class Attempt extends FutureTask<T> {

		Attempt(Callable<T> task) {
			super(task);
		}

		@Override
		protected void set(T value) {
			super.set(value);
			Invocation.this.complete(value);
		}

		@Override
		protected void setException(Throwable failure) {
			super.setException(failure);
			Invocation.this.completeExceptionally(failure);
		}

	}

}
