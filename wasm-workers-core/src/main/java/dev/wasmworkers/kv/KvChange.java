package dev.wasmworkers.kv;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The keys a run set (added or changed) and removed, computed from the snapshot sent and
 * the kv returned.
 *
 * @param set the keys to add or overwrite, with their new values
 * @param removed the keys to remove, disjoint from the keys of {@code set}
 */
public record KvChange(Map<String, String> set, Set<String> removed) {

	public KvChange {
		set = Map.copyOf(set);
		removed = Set.copyOf(removed);
		for (String key : removed) {
			if (set.containsKey(key)) {
				throw new IllegalArgumentException("KV key '" + key + "' cannot be both set and removed");
			}
		}
	}

	/**
	 * The change that turns {@code before} into {@code after}, leaving out unchanged
	 * keys.
	 * @param before the snapshot the worker was given
	 * @param after the kv the worker returned
	 * @return the keys added or changed and the keys removed
	 */
	public static KvChange between(Map<String, String> before, Map<String, String> after) {
		Map<String, String> set = new HashMap<>();
		after.forEach((key, value) -> {
			if (!Objects.equals(before.get(key), value)) {
				set.put(key, value);
			}
		});
		Set<String> removed = new HashSet<>();
		for (String key : before.keySet()) {
			if (!after.containsKey(key)) {
				removed.add(key);
			}
		}
		return new KvChange(set, removed);
	}

	/**
	 * Whether the change neither sets nor removes anything.
	 * @return {@code true} when applying the change would do nothing
	 */
	public boolean isEmpty() {
		return this.set.isEmpty() && this.removed.isEmpty();
	}

}
