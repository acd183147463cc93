package dev.wasmworkers.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.wasmworkers.execution.WorkerGate;

/**
 * One {@link WorkerGate} per worker, sized by the worker's {@code max_concurrency} limit
 * or the server-wide default.
 * <p>
 * A gate belongs to the worker's file and limit, not to one loaded version: once a worker
 * is reloaded, runs of its previous and new versions share a gate (a new limit gets a new
 * gate), and no gate keeps a replaced version, or its compiled program, reachable.
 */
public final class WorkerGates {

	private final int defaultMaxRunning;

	private final int maxWaiting;

	private final Map<GateKey, WorkerGate> gates = new ConcurrentHashMap<>();

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
		int maxRunning = worker.config().limits().maxConcurrency().orElse(this.defaultMaxRunning);
		return this.gates.computeIfAbsent(new GateKey(worker.name(), maxRunning),
				(key) -> new WorkerGate(key.maxRunning(), this.maxWaiting));
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

	/** The worker file and the limit a gate is for. */
	private record GateKey(String worker, int maxRunning) {
	}

}
