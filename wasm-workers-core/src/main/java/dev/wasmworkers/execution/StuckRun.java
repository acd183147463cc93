package dev.wasmworkers.execution;

import java.time.Duration;

/**
 * A run that passed its deadline, was interrupted, and still holds its thread well after
 * that: typically a host call that does not check for interruption.
 *
 * @param worker the worker's name
 * @param thread the name of the pool thread it holds
 * @param overdue how long ago its deadline passed
 */
public record StuckRun(String worker, String thread, Duration overdue) {

	@Override
	public String toString() {
		return this.worker + " on " + this.thread + ", "
				+ Durations.format(Duration.ofSeconds(this.overdue.toSeconds())) + " past its deadline";
	}

}
