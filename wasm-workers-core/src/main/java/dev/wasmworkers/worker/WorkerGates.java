package dev.wasmworkers.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wasmworkers.execution.WorkerGate;

/**
 * One {@link WorkerGate} per worker, sized by the worker's {@code max_concurrency} limit
 * or the server-wide default.
 */
public final class WorkerGates {

	private final int defaultMaxRunning;

	private final int maxWaiting;

	private final Map<Worker, WorkerGate> gates = new ConcurrentHashMap<>();

	/**
	 * Creates the gates.
	 * @param defaultMaxRunning runs of one worker in flight at once, unless it sets its
	 * own
	 * @param maxWaiting runs of one worker that may wait for a place
	 */
	public WorkerGates(int defaultMaxRunning, int maxWaiting) {
		this.defaultMaxRunning = defaultMaxRunning;
		this.maxWaiting = maxWaiting;
	}

	/**
	 * The gate of a worker, created on first use.
	 * @param worker the worker
	 * @return its gate
	 */
	public WorkerGate of(Worker worker) {
		return this.gates.computeIfAbsent(worker,
				(key) -> new WorkerGate(key.config().limits().maxConcurrency().orElse(this.defaultMaxRunning),
						this.maxWaiting));
	}

	/**
	 * How many runs of all workers are in flight now.
	 * @return the total number of runs started and not finished
	 */
	public int running() {
		return this.gates.values().stream().mapToInt(WorkerGate::running).sum();
	}

	/**
	 * How many runs of all workers wait for a place in their worker's gate now.
	 * @return the total number of waiting runs
	 */
	public int waiting() {
		return this.gates.values().stream().mapToInt(WorkerGate::waiting).sum();
	}

}
