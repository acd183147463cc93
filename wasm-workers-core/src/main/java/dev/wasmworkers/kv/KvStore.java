package dev.wasmworkers.kv;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Stores worker KV namespaces; implementations must apply a change to one namespace
 * atomically.
 */
public interface KvStore {

	/**
	 * The current entries of a namespace (empty when it has none), as an immutable map.
	 * @param namespace the namespace name
	 * @return a future of the namespace's entries
	 */
	CompletableFuture<Map<String, String>> snapshot(String namespace);

	/**
	 * Applies a change atomically; completes exceptionally with
	 * {@link KvLimitExceededException} when the result would pass a limit, leaving the
	 * namespace unchanged.
	 * <p>
	 * Keys the change does not name keep whatever value they have in the store now, and
	 * when two changes set or remove the same key, the one applied last wins.
	 * @param namespace the namespace name
	 * @param change the keys to set and remove
	 * @return a future that completes once the change is stored
	 */
	CompletableFuture<Void> apply(String namespace, KvChange change);

	/**
	 * The names of the namespaces the store holds, for administration (the Actuator
	 * endpoint), never for workers.
	 * <p>
	 * Every namespace holding at least one entry is listed; a namespace whose entries
	 * were all removed may or may not be, depending on the store.
	 * @return a future of an immutable set of namespace names
	 */
	CompletableFuture<Set<String>> namespaces();

}
