package dev.wasmworkers.execution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded pool of platform threads that runs worker invocations off the event loop,
 * with a bounded queue and a deadline per invocation counted from its submission.
 *
 * <p>
 * At most {@code maxConcurrency} tasks run at once, whether on the pool's threads or, for
 * {@link #runOrSubmit}, on their caller's thread: each running task holds one of that
 * many slots. Threads are named {@code wasm-worker-N} and are not daemons;
 * {@link #close()} stops them.
 */
public final class WorkerExecutor implements AutoCloseable {

	/**
	 * How long a run may go on after its deadline (and its interrupt) before it counts as
	 * stuck: the engine stops an interrupted run within milliseconds.
	 */
	public static final Duration STOP_GRACE = Duration.ofSeconds(5);

	/**
	 * How long {@link #close()} lets running tasks finish before interrupting them, and
	 * then waits again.
	 */
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

	/**
	 * How often the deadline thread wakes up anyway. A standing task of this period keeps
	 * a deadline at most this far away at the head of the deadline queue, and a scheduled
	 * executor wakes its thread only for a task that becomes the next one due: so arming
	 * a run's deadline, when it is further away, does not wake that thread. Without it,
	 * every run that arrived while no other deadline was armed woke it, one more thread
	 * switch per request at low load.
	 */
	private static final Duration DEADLINE_TICK = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(WorkerExecutor.class);

	private final ThreadPoolExecutor pool;

	private final ScheduledThreadPoolExecutor alarms;

	private final Set<Invocation<?>> running = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

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
		this.alarms.scheduleAtFixedRate(WorkerExecutor::tick, DEADLINE_TICK.toNanos(), DEADLINE_TICK.toNanos(),
				TimeUnit.NANOSECONDS);
		this.slots = new Semaphore(maxConcurrency);
	}

	/**
	 * Submits a task that waits for a place in its worker's gate, then for a thread. The
	 * deadline counts from this call, waiting included.
	 *
	 * <p>
	 * The future fails with {@link WorkerRejectedException} at once when the gate's or
	 * the pool's queue is full, and at the deadline when the task is still waiting (it
	 * then never runs); it fails with {@link WorkerTimeoutException} at the deadline when
	 * the task is running, and the running thread is interrupted so that the engine
	 * stops. In every case the future completes by the deadline, but the task's place in
	 * the gate and its thread stay taken until the thread has really returned from it.
	 *
	 * <p>
	 * Cancelling the returned future removes a waiting task from its queue or interrupts
	 * a running one. Stages attached to the future without an executor may run on a pool
	 * thread, the deadline thread or the caller's thread, so they should be short.
	 * @param <T> the task's result type
	 * @param name the worker's name, for the log and {@link #stuck()}
	 * @param task the work
	 * @param gate the gate of the task's worker
	 * @param timeout the deadline, from now
	 * @return the task's outcome
	 */
	public <T> CompletableFuture<T> submit(String name, Callable<T> task, WorkerGate gate, Duration timeout) {
		return start(name, task, gate, timeout, false);
	}

	/**
	 * Runs a task on the calling thread when that thread is neither interrupted nor
	 * virtual (a run would hold one of the few carrier threads), the task's worker's gate
	 * admits it at once, a slot is free and no submitted task waits for one; otherwise
	 * submits it as {@link #submit} does. Either way the task has the same deadline, from
	 * this call.
	 *
	 * <p>
	 * When the task runs here this call returns only once it has ended, and the returned
	 * future is then complete; at its deadline the calling thread is interrupted, and its
	 * interrupt status is cleared when the task returns. Meant for callers whose thread
	 * may block, such as a servlet container's, which then save handing the task to
	 * another thread and its answer back.
	 * @param <T> the task's result type
	 * @param name the worker's name, for the log and {@link #stuck()}
	 * @param task the work
	 * @param gate the gate of the task's worker
	 * @param timeout the deadline, from now
	 * @return the task's outcome
	 */
	public <T> CompletableFuture<T> runOrSubmit(String name, Callable<T> task, WorkerGate gate, Duration timeout) {
		Thread caller = Thread.currentThread();
		return start(name, task, gate, timeout, !caller.isInterrupted() && !VirtualThreads.isVirtual(caller));
	}

	private <T> CompletableFuture<T> start(String name, Callable<T> task, WorkerGate gate, Duration timeout,
			boolean mayRunHere) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive but was " + timeout);
		}
		Invocation<T> invocation = new Invocation<>(name, task, gate, this, timeout);
		invocation.start(mayRunHere);
		return invocation;
	}

	/**
	 * How many tasks are running now, including interrupted ones that have not stopped
	 * yet.
	 */
	public int running() {
		return this.running.size();
	}

	/**
	 * How many tasks are waiting now for a thread of the pool, or on one for a slot that
	 * runs on callers' threads hold.
	 */
	public int queued() {
		return this.pool.getQueue().size() + this.slots.getQueueLength();
	}

	/**
	 * How many threads the pool has at most, which is also how many tasks run at once at
	 * most, on its threads and callers' threads together.
	 */
	public int threads() {
		return this.pool.getMaximumPoolSize();
	}

	/**
	 * The runs that are still going more than {@link #STOP_GRACE} after their deadline,
	 * most overdue first.
	 * @return the stuck runs, each holding one thread
	 */
	public List<StuckRun> stuck() {
		List<StuckRun> stuck = new ArrayList<>();
		for (Invocation<?> invocation : this.running) {
			Duration overdue = invocation.overdue();
			Thread runner = invocation.runner();
			if (runner != null && overdue.compareTo(STOP_GRACE) > 0) {
				stuck.add(new StuckRun(invocation.name(), runner.getName(), overdue));
			}
		}
		stuck.sort(Comparator.comparing(StuckRun::overdue).reversed());
		return stuck;
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

	ScheduledFuture<?> schedule(Runnable alarm, long delayNanos) {
		return this.alarms.schedule(alarm, delayNanos, TimeUnit.NANOSECONDS);
	}

	/** Puts an admitted task in the pool's queue, or on a free thread. */
	void enqueue(Invocation<?> invocation) {
		if (this.pool.isShutdown()) {
			throw new RejectedExecutionException();
		}
		this.pool.execute(invocation);
	}

	/**
	 * Takes a slot for a task on its caller's thread, when one is free and no pool thread
	 * waits for one.
	 * @return whether the slot was taken
	 */
	boolean tryTakeSlot() {
		return !this.pool.isShutdown() && !this.slots.hasQueuedThreads() && this.pool.getQueue().isEmpty()
				&& this.slots.tryAcquire();
	}

	/** Waits for a slot on a pool thread. */
	void takeSlot() throws InterruptedException {
		this.slots.acquire();
	}

	/** Frees a slot taken by {@link #tryTakeSlot()} or {@link #takeSlot()}. */
	void freeSlot() {
		this.slots.release();
	}

	/** Takes a task that will not run out of the pool's queue. */
	void dequeue(Invocation<?> invocation) {
		this.pool.remove(invocation);
	}

	void started(Invocation<?> invocation) {
		this.running.add(invocation);
	}

	void finished(Invocation<?> invocation) {
		this.running.remove(invocation);
	}

	/** Logs the run if it still holds its thread {@link #STOP_GRACE} from now. */
	void scheduleStuckCheck(Invocation<?> invocation) {
		try {
			schedule(() -> {
				@Nullable Thread runner = invocation.runner();
				if (runner != null) {
					logger.warn(
							"Worker {} is still running on {} {} after its deadline; its thread and its place stay"
									+ " taken until it stops",
							invocation.name(), runner.getName(), Durations.format(STOP_GRACE));
				}
			}, STOP_GRACE.toNanos());
		}
		catch (RejectedExecutionException ex) {
			// Closing: nothing to report any more.
		}
	}

	/** Why a task was refused by a full pool. */
	String fullMessage() {
		return this.pool.isShutdown() ? "the worker executor is closed"
				: "all " + this.pool.getMaximumPoolSize() + " worker threads are busy and the queue is full";
	}

	/** The standing task of {@link #DEADLINE_TICK}: it has nothing to do when it runs. */
	private static void tick() {
	}

	private boolean awaitTermination() throws InterruptedException {
		return this.pool.awaitTermination(CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
	}

	private static BlockingQueue<Runnable> queue(int capacity) {
		return (capacity > 0) ? new ArrayBlockingQueue<>(capacity) : new SynchronousQueue<>();
	}

}
