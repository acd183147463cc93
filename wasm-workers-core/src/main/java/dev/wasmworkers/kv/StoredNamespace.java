package dev.wasmworkers.kv;

import java.util.HashMap;
import java.util.Map;

/**
 * One immutable version of a namespace in the in-memory store: its entries, their size
 * and its version number.
 * <p>
 * Versions are compared by identity (this class does not override {@code equals}), which
 * is what lets the store swap one for the next with compare-and-set.
 */
final class StoredNamespace {

	/** The version of a namespace that has never been written. */
	static final StoredNamespace EMPTY = new StoredNamespace(Map.of(), NamespaceSize.EMPTY, 0);

	private final Map<String, String> entries;

	private final NamespaceSize size;

	private final long version;

	private StoredNamespace(Map<String, String> entries, NamespaceSize size, long version) {
		this.entries = entries;
		this.size = size;
		this.version = version;
	}

	/**
	 * A version holding the given entries, whatever their size.
	 * @param entries the entries, copied
	 * @return the new version
	 */
	static StoredNamespace of(Map<String, String> entries) {
		NamespaceSize size = NamespaceSize.EMPTY;
		for (Map.Entry<String, String> entry : entries.entrySet()) {
			size = size.plus(entry.getKey(), entry.getValue());
		}
		return new StoredNamespace(Map.copyOf(entries), size, 0);
	}

	/**
	 * The entries of this version with its number.
	 * @return the snapshot
	 */
	KvSnapshot snapshot() {
		return new KvSnapshot(this.entries, this.version);
	}

	/**
	 * The number of this version: 0 for a namespace never written, one more for each
	 * change applied since.
	 * @return the version number
	 */
	long version() {
		return this.version;
	}

	/**
	 * The next version: this one with the change applied and the next number, if it stays
	 * within the limits.
	 * @param namespace the namespace name, for the limit message
	 * @param change the keys to set and remove
	 * @param limits the limits the next version must respect
	 * @return the next version
	 * @throws KvLimitExceededException if the change passes a limit
	 */
	StoredNamespace apply(String namespace, KvChange change, KvLimits limits) {
		NamespaceSize nextSize = this.size;
		for (Map.Entry<String, String> entry : change.set().entrySet()) {
			String old = this.entries.get(entry.getKey());
			if (old != null) {
				nextSize = nextSize.minus(entry.getKey(), old);
			}
			nextSize = nextSize.plus(entry.getKey(), entry.getValue());
		}
		for (String key : change.removed()) {
			String old = this.entries.get(key);
			if (old != null) {
				nextSize = nextSize.minus(key, old);
			}
		}
		limits.check(namespace, this.size, nextSize);
		Map<String, String> next = new HashMap<>(this.entries);
		next.putAll(change.set());
		change.removed().forEach(next::remove);
		return new StoredNamespace(Map.copyOf(next), nextSize, this.version + 1);
	}

}
