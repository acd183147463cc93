package dev.wasmworkers.kv;

/**
 * The size of a namespace in the two measures that {@link KvLimits} bound.
 *
 * @param entries the number of keys
 * @param bytes the UTF-8 length of all keys and values
 */
record NamespaceSize(long entries, long bytes) {

	/** The size of an empty namespace. */
	static final NamespaceSize EMPTY = new NamespaceSize(0, 0);

	/**
	 * This size with one more entry.
	 * @param key the key of the entry
	 * @param value the value of the entry
	 * @return the larger size
	 */
	NamespaceSize plus(String key, String value) {
		return new NamespaceSize(this.entries + 1, this.bytes + Utf8.length(key) + Utf8.length(value));
	}

	/**
	 * This size with one entry fewer.
	 * @param key the key of the entry
	 * @param value the value of the entry
	 * @return the smaller size
	 */
	NamespaceSize minus(String key, String value) {
		return new NamespaceSize(this.entries - 1, this.bytes - Utf8.length(key) - Utf8.length(value));
	}

}
