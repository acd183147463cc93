package dev.wasmworkers.execution;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * One submitted task, from its submission to the moment its thread has returned: it waits
 * for a place in its worker's gate, then in the pool's queue, then for a slot, then runs
 * (or, when its submitter may run it and the gate and a slot are free at once, runs on
 * the submitter's thread); the future its submitter holds completes by its deadline
 * whatever happens.
 *
 * <p>
 * The deadline counts from the submission. When it passes, a task that has not started
 * leaves its queue and fails with {@link WorkerRejectedException} (it never ran), and a
 * running task fails with {@link WorkerTimeoutException} at once while its thread is
 * interrupted. The task's place in its gate, and its pool thread, are released only when
 * that thread has really returned from the task.
 */
final class Invocation<T> extends CompletableFuture<T> implements Runnable {

	private enum State {

		/** In the gate's queue. */
		WAITING,

		/** Admitted by the gate, in the pool's queue or waiting for a slot. */
		QUEUED,

		/** On a pool thread, or on its submitter's. */
		RUNNING,

		/** Returned, never started, or given up before starting. */
		ENDED

	}

	private final String name;

	private final Callable<T> task;

	private final WorkerGate gate;

	private final WorkerExecutor executor;

	private final Duration timeout;

	private final long deadlineNanos;

	private final Runnable admission = this::admit;

	private final Object lock = new Object();

	private State state = State.WAITING;

	private @Nullable Thread runner;

	private @Nullable ScheduledFuture<?> alarm;

	/**
	 * The thread that may run the task itself, set only while {@link #start} asks the
	 * gate for a place.
	 */
	private @Nullable Thread caller;

	Invocation(String name, Callable<T> task, WorkerGate gate, WorkerExecutor executor, Duration timeout) {
		this.name = name;
		this.task = task;
		this.gate = gate;
		this.executor = executor;
		this.timeout = timeout;
		this.deadlineNanos = System.nanoTime() + timeout.toNanos();
	}

	/**
	 * Arms the deadline and asks the gate for a place.
	 * @param mayRunHere whether the task may run on the calling thread, when the gate
	 * admits it at once and a slot is free
	 */
	void start(boolean mayRunHere) {
		ScheduledFuture<?> armed;
		try {
			armed = this.executor.schedule(this::expire, this.timeout.toNanos());
		}
		catch (RejectedExecutionException ex) {
			end(new WorkerRejectedException(this.executor.fullMessage()));
			return;
		}
		synchronized (this.lock) {
			this.alarm = armed;
		}
		this.caller = (mayRunHere) ? Thread.currentThread() : null;
		try {
			if (!this.gate.enter(this.admission)) {
				end(new WorkerRejectedException(this.gate.fullMessage()));
			}
		}
		finally {
			this.caller = null;
		}
	}

	/** The worker's name, for logs and health. */
	String name() {
		return this.name;
	}

	/** How long ago the deadline passed; negative before it. */
	Duration overdue() {
		return Duration.ofNanos(System.nanoTime() - this.deadlineNanos);
	}

	/** The thread running the task, or null when it is not running. */
	@Nullable Thread runner() {
		synchronized (this.lock) {
			return this.runner;
		}
	}

	/**
	 * On a pool thread: waits for a slot, then runs the task unless it ended while queued
	 * or its deadline already passed.
	 */
	@Override
	public void run() {
		try {
			this.executor.takeSlot();
		}
		catch (InterruptedException ex) {
			// The executor is closing.
			dropQueued(new WorkerRejectedException(this.executor.fullMessage()));
			return;
		}
		runQueued();
	}

	/**
	 * Holding a slot, runs the task on the calling thread unless it ended while queued or
	 * its deadline already passed, then frees the slot.
	 */
	private void runQueued() {
		boolean late;
		synchronized (this.lock) {
			if (this.state != State.QUEUED) {
				this.executor.freeSlot();
				return;
			}
			late = !overdue().isNegative();
			if (!late) {
				this.state = State.RUNNING;
				this.runner = Thread.currentThread();
			}
		}
		if (late) {
			this.executor.freeSlot();
			dropQueued(new WorkerRejectedException(waitedTooLong()));
			return;
		}
		this.executor.started(this);
		try {
			complete(this.task.call());
		}
		catch (Throwable failure) {
			completeExceptionally(failure);
		}
		finally {
			synchronized (this.lock) {
				this.state = State.ENDED;
				this.runner = null;
				cancelAlarm();
			}
			// An interrupt delivered for this run must not reach the next task.
			Thread.interrupted();
			this.executor.finished(this);
			this.executor.freeSlot();
			this.gate.release();
		}
	}

	/**
	 * Cancels the invocation: a waiting or queued task leaves its queue, a running one is
	 * interrupted whatever {@code mayInterruptIfRunning} says.
	 */
	@Override
	public boolean cancel(boolean mayInterruptIfRunning) {
		boolean cancelled = super.cancel(mayInterruptIfRunning);
		stop(new CancellationException());
		return cancelled;
	}

	/** Ends a task that is in the pool's queue and will never run. */
	void abandon(RuntimeException reason) {
		dropQueued(reason);
	}

	private void admit() {
		synchronized (this.lock) {
			if (this.state != State.WAITING) {
				// It gave up its place in the queue just as the gate admitted it.
				this.gate.release();
				return;
			}
			this.state = State.QUEUED;
		}
		if (this.caller == Thread.currentThread() && this.executor.tryTakeSlot()) {
			runQueued();
			return;
		}
		try {
			this.executor.enqueue(this);
		}
		catch (RejectedExecutionException ex) {
			dropQueued(new WorkerRejectedException(this.executor.fullMessage()));
		}
	}

	private void expire() {
		stop(isRunning() ? new WorkerTimeoutException(timedOut()) : new WorkerRejectedException(waitedTooLong()));
	}

	private boolean isRunning() {
		synchronized (this.lock) {
			return this.state == State.RUNNING;
		}
	}

	private void stop(RuntimeException reason) {
		State was;
		synchronized (this.lock) {
			was = this.state;
			if (was == State.WAITING) {
				this.state = State.ENDED;
			}
		}
		if (was == State.RUNNING) {
			// First the answer, so that what the interrupted run returns cannot replace
			// it.
			completeExceptionally(reason);
			synchronized (this.lock) {
				// Under the lock: the run cannot end and its thread move on meanwhile.
				if (this.state == State.RUNNING && this.runner != null) {
					this.runner.interrupt();
				}
			}
			this.executor.scheduleStuckCheck(this);
		}
		else if (was == State.WAITING) {
			this.gate.leave(this.admission);
			end(reason);
		}
		else if (was == State.QUEUED) {
			dropQueued(reason);
		}
	}

	/** Ends a task that is in the pool's queue, freeing its place in the gate. */
	private void dropQueued(RuntimeException reason) {
		synchronized (this.lock) {
			if (this.state != State.QUEUED) {
				return;
			}
			this.state = State.ENDED;
		}
		this.executor.dequeue(this);
		this.gate.release();
		end(reason);
	}

	private void end(RuntimeException reason) {
		synchronized (this.lock) {
			this.state = State.ENDED;
			cancelAlarm();
		}
		completeExceptionally(reason);
	}

	private void cancelAlarm() {
		if (this.alarm != null) {
			this.alarm.cancel(false);
		}
	}

	private String timedOut() {
		return "timed out after " + Durations.format(this.timeout);
	}

	private String waitedTooLong() {
		return "waited for a free place past its deadline of " + Durations.format(this.timeout);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
