package dev.wasmworkers.worker;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.kv.OnConflict;

/**
 * How runs of workers with a KV namespace handle a namespace that another run changed
 * between their snapshot and their write-back.
 *
 * @param defaultOnConflict the policy of the workers whose TOML file sets no
 * {@code on_conflict} ({@code wasm.workers.kv.on-conflict})
 * @param maxRetries how many times a worker with {@link OnConflict#RETRY} runs again for
 * one request before it is answered 409 ({@code wasm.workers.kv.max-retries})
 */
public record KvConflictSettings(OnConflict defaultOnConflict, int maxRetries) {

	/** Last writer wins unless a worker asks for retries, and 10 retries when it does. */
	public static final KvConflictSettings DEFAULTS = new KvConflictSettings(OnConflict.LAST_WRITER_WINS, 10);

	public KvConflictSettings {
		if (maxRetries < 0) {
			throw new IllegalArgumentException(
					"wasm.workers.kv.max-retries must not be negative but was " + maxRetries);
		}
	}

	/**
	 * The policy of one worker: its own {@code on_conflict}, or the default.
	 * @param config the worker's configuration
	 * @return the policy its runs follow
	 */
	public OnConflict of(WorkerConfig config) {
		return config.kvOnConflict().orElse(this.defaultOnConflict);
	}

}
