package dev.wasmworkers.kv;

import java.util.Map;

/**
 * The entries of a namespace and the version they were read at.
 *
 * @param entries the namespace's entries, as an immutable map
 * @param version the namespace's version: it changes with every change applied to the
 * namespace and never comes back to an earlier value, so that
 * {@link KvStore#applyIfUnchanged} can tell whether anything was applied since
 */
public record KvSnapshot(Map<String, String> entries, long version) {

	/** The snapshot of a namespace that has never been written. */
	public static final KvSnapshot EMPTY = new KvSnapshot(Map.of(), 0);

	public KvSnapshot {
		entries = Map.copyOf(entries);
	}

}
