package dev.wasmworkers.worker;

import java.time.Duration;

import dev.wasmworkers.config.WorkerLimits;
import dev.wasmworkers.engine.RunRequest;

/**
 * The limits applied to every worker run.
 *
 * @param timeout the deadline of one run, counted from when it is asked for, so that
 * waiting for a free place counts
 * @param maxMemoryPages the cap on the instance's linear memory, in 64 KiB pages
 * @param stdoutLimit the most bytes a worker may write on stdout before its run fails
 * @param stderrLimit the most bytes of a worker's stderr kept for the log
 * @param maxOpenFiles the most files and directories a run may have open at once
 * @param maxDiskWrite the most bytes a run may write to files in its mounted folders
 */
public record RunLimits(Duration timeout, int maxMemoryPages, int stdoutLimit, int stderrLimit, int maxOpenFiles,
		long maxDiskWrite) {

	/** Size of a WebAssembly memory page. */
	public static final int PAGE_SIZE = 64 * 1024;

	/** Most pages a 32-bit WebAssembly memory can have. */
	public static final int MAX_PAGES = 65536;

	/**
	 * Limits with the default caps on open files and disk writes
	 * ({@link RunRequest#DEFAULT_MAX_OPEN_FILES},
	 * {@link RunRequest#DEFAULT_MAX_DISK_WRITE}).
	 * @param timeout the deadline of one run, counted from when it starts running
	 * @param maxMemoryPages the cap on the instance's linear memory, in 64 KiB pages
	 * @param stdoutLimit the most bytes a worker may write on stdout before its run fails
	 * @param stderrLimit the most bytes of a worker's stderr kept for the log
	 */
	public RunLimits(Duration timeout, int maxMemoryPages, int stdoutLimit, int stderrLimit) {
		this(timeout, maxMemoryPages, stdoutLimit, stderrLimit, RunRequest.DEFAULT_MAX_OPEN_FILES,
				RunRequest.DEFAULT_MAX_DISK_WRITE);
	}

	/**
	 * These limits with a worker's own limits in place of the server-wide ones it sets.
	 * @param own the worker's {@code [limits]}
	 * @return the limits of that worker's runs
	 */
	public RunLimits overriddenBy(WorkerLimits own) {
		return new RunLimits(own.timeout().orElse(this.timeout),
				(own.maxMemory().isPresent()) ? pages(own.maxMemory().getAsLong()) : this.maxMemoryPages,
				(int) Math.min(Integer.MAX_VALUE, own.maxStdout().orElse(this.stdoutLimit)), this.stderrLimit,
				own.maxOpenFiles().orElse(this.maxOpenFiles), own.maxDiskWrite().orElse(this.maxDiskWrite));
	}

	/**
	 * The number of whole pages in a size, at least one and at most {@link #MAX_PAGES}.
	 * @param bytes the size
	 * @return the pages
	 */
	public static int pages(long bytes) {
		return (int) Math.max(1, Math.min(bytes / PAGE_SIZE, MAX_PAGES));
	}

}
