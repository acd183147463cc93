package dev.wasmworkers.config;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A worker's own limits from the {@code [limits]} table of its TOML file (our addition to
 * wws); each one that is absent falls back to the server-wide {@code wasm.workers.*}
 * value.
 *
 * @param timeout the deadline of one run
 * @param maxMemory the cap on the instance's linear memory, in bytes
 * @param maxStdout the cap on what one run writes on stdout, in bytes
 * @param maxConcurrency how many runs of this worker may be in flight at once
 * @param maxOpenFiles how many files and directories one run may have open at once
 * @param maxDiskWrite the cap on what one run writes to files in its mounted folders, in
 * bytes
 */
public record WorkerLimits(Optional<Duration> timeout, OptionalLong maxMemory, OptionalLong maxStdout,
		OptionalInt maxConcurrency, OptionalInt maxOpenFiles, OptionalLong maxDiskWrite) {

	/**
	 * No limits of the worker's own: every server-wide value applies.
	 * @return the empty limits
	 */
	public static WorkerLimits none() {
		return new WorkerLimits(Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalInt.empty(),
				OptionalInt.empty(), OptionalLong.empty());
	}

}
