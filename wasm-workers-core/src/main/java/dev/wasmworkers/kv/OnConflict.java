package dev.wasmworkers.kv;

import java.util.Locale;
import java.util.Optional;

/**
 * What happens when another run changed a worker's namespace between the snapshot a run
 * was given and the write-back of its changes: the {@code on_conflict} key of a worker's
 * {@code [data.kv]} table, and the {@code wasm.workers.kv.on-conflict} property.
 */
public enum OnConflict {

	/**
	 * The run's changes are applied key by key over whatever the namespace holds now:
	 * keys it did not change keep their current values, and of two runs changing the same
	 * key the later write-back wins.
	 */
	LAST_WRITER_WINS,

	/**
	 * The run's output is discarded and the worker runs again on a fresh snapshot, so
	 * that no change is ever lost; refused for workers that may send outbound HTTP
	 * requests, which a second run would send again.
	 */
	RETRY;

	/**
	 * The value as written in a worker's TOML file and in properties.
	 * @return {@code last-writer-wins} or {@code retry}
	 */
	public String configValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The policy written as the given value.
	 * @param value {@code last-writer-wins} or {@code retry}
	 * @return the policy, or empty for any other value
	 */
	public static Optional<OnConflict> ofConfigValue(String value) {
		for (OnConflict policy : values()) {
			if (policy.configValue().equals(value)) {
				return Optional.of(policy);
			}
		}
		return Optional.empty();
	}

}
