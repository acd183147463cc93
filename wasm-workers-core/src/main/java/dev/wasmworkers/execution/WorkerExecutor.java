package dev.wasmworkers.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of platform threads that runs worker invocations off the event loop,
 * with a bounded queue and a per-run deadline.
 *
 * <p>
 * Threads are named {@code wasm-worker-N} and are not daemons; {@link #close()} stops
 * them.
 */
public final class WorkerExecutor implements AutoCloseable {

	/**
	 * How long {@link #close()} lets running tasks finish before interrupting them, and
	 * then waits again.
	 */
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

	private static final Logger logger = LoggerFactory.getLogger(WorkerExecutor.class);

	private final ThreadPoolExecutor pool;

	private final ScheduledThreadPoolExecutor alarms;

	/**
	 * Creates an executor that runs at most {@code maxConcurrency} tasks at once and
	 * keeps at most {@code queueCapacity} more waiting.
	 */
	public WorkerExecutor(int maxConcurrency, int queueCapacity) {
		if (maxConcurrency < 1) {
			throw new IllegalArgumentException("maxConcurrency must be at least 1 but was " + maxConcurrency);
		}
		if (queueCapacity < 0) {
			throw new IllegalArgumentException("queueCapacity must not be negative but was " + queueCapacity);
		}
		this.pool = new ThreadPoolExecutor(maxConcurrency, maxConcurrency, 0, TimeUnit.SECONDS, queue(queueCapacity),
				new WorkerThreadFactory(), new ThreadPoolExecutor.AbortPolicy());
		this.alarms = new ScheduledThreadPoolExecutor(1, (alarm) -> {
			Thread thread = new Thread(alarm, "wasm-worker-deadline");
			thread.setDaemon(true);
			return thread;
		});
		this.alarms.setRemoveOnCancelPolicy(true);
	}

	/**
	 * Submits a task; the future fails with WorkerRejectedException at once when the
	 * queue is full, and with WorkerTimeoutException when the deadline passes (the
	 * running thread is then interrupted so Chicory stops).
	 *
	 * <p>
	 * The deadline counts from when the task starts running on a pool thread; time spent
	 * in the queue does not count. Cancelling the returned future removes a queued task
	 * from the queue or interrupts a running one. Stages attached to the future without
	 * an executor may run on a pool thread or on the deadline thread, so they should be
	 * short.
	 */
	public <T> CompletableFuture<T> submit(Callable<T> task, Duration deadline) {
		if (deadline.isNegative() || deadline.isZero()) {
			throw new IllegalArgumentException("deadline must be positive but was " + deadline);
		}
		Invocation<T> invocation = new Invocation<>(task, deadline, this.alarms, this.pool);
		try {
			this.pool.execute(invocation);
		}
		catch (RejectedExecutionException ex) {
			invocation.abandon(new WorkerRejectedException(this.pool.isShutdown() ? "the worker executor is closed"
					: "all " + this.pool.getMaximumPoolSize() + " worker threads are busy and the queue is full"));
		}
		return invocation;
	}

	/**
	 * How many tasks are running now, including interrupted ones that have not stopped
	 * yet.
	 */
	public int running() {
		return this.pool.getActiveCount();
	}

	/** How many tasks are waiting in the queue now. */
	public int queued() {
		return this.pool.getQueue().size();
	}

	/**
	 * Stops accepting tasks, fails the queued ones with {@link WorkerRejectedException},
	 * lets running tasks finish for up to 10 seconds, then interrupts them and waits as
	 * long again.
	 */
	@Override
	public void close() {
		this.pool.shutdown();
		List<Runnable> queued = new ArrayList<>();
		this.pool.getQueue().drainTo(queued);
		for (Runnable task : queued) {
			((Invocation<?>) task).abandon(new WorkerRejectedException("the worker executor was closed"));
		}
		try {
			if (!awaitTermination()) {
				this.pool.shutdownNow();
				if (!awaitTermination()) {
					logger.warn("Worker threads still running {} s after being interrupted", CLOSE_GRACE.toSeconds());
				}
			}
		}
		catch (InterruptedException ex) {
			this.pool.shutdownNow();
			Thread.currentThread().interrupt();
		}
		finally {
			this.alarms.shutdownNow();
		}
	}

	private boolean awaitTermination() throws InterruptedException {
		return this.pool.awaitTermination(CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
	}

	private static BlockingQueue<Runnable> queue(int capacity) {
		return (capacity > 0) ? new ArrayBlockingQueue<>(capacity) : new SynchronousQueue<>();
	}

}
