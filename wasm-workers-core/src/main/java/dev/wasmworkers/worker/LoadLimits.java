package dev.wasmworkers.worker;

import java.time.Duration;

/**
 * The limits on loading one worker at start-up.
 *
 * @param compileTimeout the most time reading and compiling one worker file may take
 * @param maxModuleSize the largest worker file loaded, in bytes
 * @param maxMemoryPages the memory cap of a run, in 64 KiB pages, unless the worker's own
 * {@code [limits]} set {@code max_memory}: a module whose initial memory is larger cannot
 * run, so it fails to load
 */
public record LoadLimits(Duration compileTimeout, long maxModuleSize, int maxMemoryPages) {

	/**
	 * The defaults: 60 seconds per worker, 64 MiB per file, and a memory cap of 128 MiB.
	 */
	public static final LoadLimits DEFAULTS = new LoadLimits(Duration.ofSeconds(60), 64L * 1024 * 1024,
			RunLimits.pages(128L * 1024 * 1024));

	/** Checks that every limit is positive. */
	public LoadLimits {
		if (compileTimeout.isNegative() || compileTimeout.isZero() || maxModuleSize < 1 || maxMemoryPages < 1) {
			throw new IllegalArgumentException("Every load limit must be positive, not " + compileTimeout + ", "
					+ maxModuleSize + " and " + maxMemoryPages);
		}
	}

}
