package dev.wasmworkers.kv.redis;

import java.util.List;
import java.util.Optional;

/**
 * The Redis keys of the KV namespaces: for each namespace, a hash of its entries,
 * {@code <prefix>kv:{<namespace>}}, and a hash of its version and byte count,
 * {@code <prefix>kv-meta:{<namespace>}}.
 * <p>
 * The braces make the namespace the keys' Redis Cluster hash tag, so that both keys of a
 * namespace are in the same slot, as a script touching both needs.
 *
 * @param prefix the prefix of every key, free of braces
 */
record RedisKvKeys(String prefix) {

	private static final String ENTRIES = "kv:{";

	private static final String META = "kv-meta:{";

	RedisKvKeys {
		if (prefix.contains("{") || prefix.contains("}")) {
			throw new IllegalArgumentException(
					"must not contain '{' or '}': the namespace between braces is the Redis Cluster hash tag of its keys");
		}
	}

	/**
	 * The keys a script of the namespace touches: its entries, then its metadata.
	 * @param namespace the namespace name
	 * @return the two keys
	 */
	List<String> of(String namespace) {
		return List.of(this.prefix + ENTRIES + namespace + "}", this.prefix + META + namespace + "}");
	}

	/**
	 * The {@code SCAN MATCH} pattern of every namespace's entries key.
	 * @return the glob pattern, the prefix escaped
	 */
	String entriesPattern() {
		StringBuilder pattern = new StringBuilder();
		for (char c : this.prefix.toCharArray()) {
			if ("*?[]\\".indexOf(c) >= 0) {
				pattern.append('\\');
			}
			pattern.append(c);
		}
		return pattern.append(ENTRIES).append("*}").toString();
	}

	/**
	 * The namespace whose entries are kept at a key.
	 * @param key a key found by {@link #entriesPattern()}
	 * @return the namespace name, or empty when the key is not an entries key
	 */
	Optional<String> namespaceOf(String key) {
		String start = this.prefix + ENTRIES;
		if (!key.startsWith(start) || !key.endsWith("}") || key.length() <= start.length() + 1) {
			return Optional.empty();
		}
		return Optional.of(key.substring(start.length(), key.length() - 1));
	}

}
