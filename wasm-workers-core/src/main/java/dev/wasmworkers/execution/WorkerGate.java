package dev.wasmworkers.execution;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Limits how many runs of one worker hold a place at once; the others wait here, in a
 * bounded queue, without holding a thread, so that one hot or slow worker cannot take
 * every thread of the shared {@link WorkerExecutor}.
 *
 * <p>
 * A run holds its place from when it is admitted until its thread has really returned
 * from it (or until it leaves the executor's queue without running), so a run that passed
 * its deadline but has not stopped yet still counts.
 */
public final class WorkerGate {

	private final int maxRunning;

	private final int maxWaiting;

	private final Deque<Runnable> waiting = new ArrayDeque<>();

	private int running;

	/**
	 * Creates a gate.
	 * @param maxRunning how many runs may hold a place at once, at least 1
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
	 * How many runs hold a place now, including runs past their deadline that have not
	 * stopped yet.
	 * @return the number of runs admitted and not released
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

	/**
	 * Asks for a place: calls {@code admit} now, on the calling thread, when one is free;
	 * otherwise queues it, to be called on the thread that frees a place.
	 * @param admit called once the place is taken; whoever it is called for must
	 * {@link #release()} the place exactly once
	 * @return false, without queueing, when {@code maxWaiting} runs already wait
	 */
	boolean enter(Runnable admit) {
		synchronized (this) {
			if (this.running >= this.maxRunning) {
				if (this.waiting.size() >= this.maxWaiting) {
					return false;
				}
				this.waiting.add(admit);
				return true;
			}
			this.running++;
		}
		admit.run();
		return true;
	}

	/**
	 * Gives up a place in the queue.
	 * @param admit what was queued by {@link #enter(Runnable)}
	 * @return false when it had already left the queue to be admitted, in which case it
	 * will be called and must release its place
	 */
	synchronized boolean leave(Runnable admit) {
		return this.waiting.remove(admit);
	}

	/** Frees a place; the first waiting run, if any, takes it at once. */
	void release() {
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

	/** Why a run was refused by {@link #enter(Runnable)}. */
	String fullMessage() {
		return "all " + this.maxRunning + " runs of this worker are busy and " + this.maxWaiting + " more are waiting";
	}

}
