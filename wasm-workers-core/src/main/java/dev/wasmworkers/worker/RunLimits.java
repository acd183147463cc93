package dev.wasmworkers.worker;

import java.time.Duration;

/**
 * The limits applied to every worker run.
 *
 * @param timeout the deadline of one run, counted from when it starts running
 * @param maxMemoryPages the cap on the instance's linear memory, in 64 KiB pages
 * @param stdoutLimit the most bytes a worker may write on stdout before its run fails
 * @param stderrLimit the most bytes of a worker's stderr kept for the log
 */
public record RunLimits(Duration timeout, int maxMemoryPages, int stdoutLimit, int stderrLimit) {

}
