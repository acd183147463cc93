package dev.wasmworkers.kv;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Stores worker KV namespaces; implementations must apply a change to one namespace
 * atomically.
 * <p>
 * Any call may complete exceptionally with {@link KvStoreUnavailableException} when the
 * store cannot be reached.
 */
public interface KvStore {

	/**
	 * The current entries of a namespace (empty when it has none) and its version, read
	 * together.
	 * @param namespace the namespace name
	 * @return a future of the namespace's snapshot
	 */
	CompletableFuture<KvSnapshot> versionedSnapshot(String namespace);

	/**
	 * The current entries of a namespace (empty when it has none), as an immutable map.
	 * @param namespace the namespace name
	 * @return a future of the namespace's entries
	 */
	default CompletableFuture<Map<String, String>> snapshot(String namespace) {
		return versionedSnapshot(namespace).thenApply(KvSnapshot::entries);
	}

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
	 * Applies a change atomically if the namespace is still at the given version, in the
	 * same atomic step as the version check and the limit checks.
	 * <p>
	 * Completes with {@code false}, leaving the namespace unchanged, when any change was
	 * applied to it since the snapshot of that version was read; exceptionally with
	 * {@link KvLimitExceededException}, leaving it unchanged, when the result would pass
	 * a limit; and with {@code true} once the change is stored. An empty change completes
	 * with {@code true} without looking at the namespace: a run that changed nothing has
	 * nothing to lose.
	 * @param namespace the namespace name
	 * @param change the keys to set and remove
	 * @param version the {@link KvSnapshot#version()} the change was computed from
	 * @return a future of whether the change was applied
	 */
	CompletableFuture<Boolean> applyIfUnchanged(String namespace, KvChange change, long version);

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
