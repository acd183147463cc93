package dev.wasmworkers.execution;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Limits how many runs of one worker are in flight at once; the others wait here, in a
 * bounded queue, without holding a thread, so that one hot or slow worker cannot take
 * every thread of the shared {@link WorkerExecutor}.
 */
public final class WorkerGate {

	private final int maxRunning;

	private final int maxWaiting;

	private final Deque<Runnable> waiting = new ArrayDeque<>();

	private int running;

	/**
	 * Creates a gate.
	 * @param maxRunning how many runs may be in flight at once, at least 1
	 * @param maxWaiting how many more may wait for a free place
	 */
	public WorkerGate(int maxRunning, int maxWaiting) {
		if (maxRunning < 1 || maxWaiting < 0) {
			throw new IllegalArgumentException("maxRunning must be at least 1 and maxWaiting at least 0, not "
					+ maxRunning + " and " + maxWaiting);
		}
		this.maxRunning = maxRunning;
		this.maxWaiting = maxWaiting;
	}

	/**
	 * Starts the action now when fewer than {@code maxRunning} are in flight, or when a
	 * place frees up. The returned future completes as the action's does; it fails at
	 * once with {@link WorkerRejectedException} when {@code maxWaiting} callers already
	 * wait. Cancelling it gives up the place in the queue, or cancels the started action.
	 * @param <T> the action's result type
	 * @param action starts the work and returns its future
	 * @return the action's outcome
	 */
	public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> action) {
		CompletableFuture<T> result = new CompletableFuture<>();
		Runnable start = () -> start(action, result);
		synchronized (this) {
			if (this.running >= this.maxRunning) {
				if (this.waiting.size() >= this.maxWaiting) {
					return CompletableFuture.failedFuture(new WorkerRejectedException("all " + this.maxRunning
							+ " runs of this worker are busy and " + this.maxWaiting + " more are waiting"));
				}
				this.waiting.add(start);
				result.whenComplete((value, failure) -> leaveQueue(start));
				return result;
			}
			this.running++;
		}
		start.run();
		return result;
	}

	/**
	 * How many runs are in flight now.
	 * @return the number of runs started and not finished
	 */
	public synchronized int running() {
		return this.running;
	}

	/**
	 * How many runs wait for a place now.
	 * @return the queue length
	 */
	public synchronized int waiting() {
		return this.waiting.size();
	}

	private <T> void start(Supplier<CompletableFuture<T>> action, CompletableFuture<T> result) {
		if (result.isDone()) {
			release();
			return;
		}
		CompletableFuture<T> started;
		try {
			started = action.get();
		}
		catch (RuntimeException ex) {
			release();
			result.completeExceptionally(ex);
			return;
		}
		started.whenComplete((value, failure) -> {
			release();
			if (failure != null) {
				result.completeExceptionally(unwrap(failure));
			}
			else {
				result.complete(value);
			}
		});
		result.whenComplete((value, failure) -> {
			if (result.isCancelled()) {
				started.cancel(true);
			}
		});
	}

	private synchronized void leaveQueue(Runnable start) {
		this.waiting.remove(start);
	}

	private void release() {
		Runnable next;
		synchronized (this) {
			next = this.waiting.poll();
			if (next == null) {
				this.running--;
			}
		}
		if (next != null) {
			next.run();
		}
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
