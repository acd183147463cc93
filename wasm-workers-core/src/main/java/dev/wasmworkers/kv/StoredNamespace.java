package dev.wasmworkers.kv;

import java.util.HashMap;
import java.util.Map;

/**
 * One immutable version of a namespace in the in-memory store: its entries and their
 * size.
 * <p>
 * Versions are compared by identity (this class does not override {@code equals}), which
 * is what lets the store swap one for the next with compare-and-set.
 */
final class StoredNamespace {

	/** The version of a namespace that has never been written. */
	static final StoredNamespace EMPTY = new StoredNamespace(Map.of(), NamespaceSize.EMPTY);

	private final Map<String, String> entries;

	private final NamespaceSize size;

	private StoredNamespace(Map<String, String> entries, NamespaceSize size) {
		this.entries = entries;
		this.size = size;
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
		return new StoredNamespace(Map.copyOf(entries), size);
	}

	/**
	 * The entries of this version, as an immutable map.
	 * @return the entries
	 */
	Map<String, String> entries() {
		return this.entries;
	}

	/**
	 * The next version: this one with the change applied, if it stays within the limits.
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
		return new StoredNamespace(Map.copyOf(next), nextSize);
	}

}
