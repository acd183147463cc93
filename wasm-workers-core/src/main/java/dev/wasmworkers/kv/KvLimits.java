package dev.wasmworkers.kv;

/**
 * Per-namespace limits.
 * <p>
 * A change is refused when it would leave a namespace past a limit and larger, by that
 * measure, than it was, so removals always succeed, even in a namespace that is already
 * past a limit because the limits were lowered.
 *
 * @param maxEntries the most keys a namespace may hold
 * @param maxBytes the most bytes a namespace may hold, counting the UTF-8 length of every
 * key and value
 */
public record KvLimits(int maxEntries, long maxBytes) {

	public KvLimits {
		if (maxEntries <= 0) {
			throw new IllegalArgumentException("wasm.workers.kv.max-entries must be positive but was " + maxEntries);
		}
		if (maxBytes <= 0) {
			throw new IllegalArgumentException("wasm.workers.kv.max-bytes must be positive but was " + maxBytes);
		}
	}

	/**
	 * Refuses a change that would take a namespace from one size to another past a limit.
	 * @param namespace the namespace name, for the message
	 * @param before the namespace's size now
	 * @param after the namespace's size once the change is applied
	 * @throws KvLimitExceededException if the change passes a limit
	 */
	void check(String namespace, NamespaceSize before, NamespaceSize after) {
		if (after.entries() > this.maxEntries && after.entries() > before.entries()) {
			throw KvLimitExceededException.tooManyEntries(namespace, after.entries(), this.maxEntries);
		}
		if (after.bytes() > this.maxBytes && after.bytes() > before.bytes()) {
			throw KvLimitExceededException.tooManyBytes(namespace, after.bytes(), this.maxBytes);
		}
	}

}
