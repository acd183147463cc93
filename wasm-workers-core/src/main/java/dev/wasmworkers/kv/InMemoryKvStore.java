package dev.wasmworkers.kv;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The default store: namespaces in this JVM's memory, lost on restart (as in wws).
 * <p>
 * Each namespace is an immutable version that a snapshot returns without copying and that
 * a change replaces by compare-and-set, so neither takes a lock. Version numbers count
 * the changes applied to a namespace since start-up; an emptied namespace keeps its
 * number, so that it never comes back to an earlier one.
 */
public final class InMemoryKvStore implements KvStore {

	private final ConcurrentMap<String, StoredNamespace> namespaces = new ConcurrentHashMap<>();

	private final KvLimits limits;

	/**
	 * Creates an empty store.
	 * @param limits the limits every namespace must respect
	 */
	public InMemoryKvStore(KvLimits limits) {
		this(limits, Map.of());
	}

	/**
	 * Creates a store that already holds the given namespaces, whatever the limits.
	 * @param limits the limits every change must respect
	 * @param contents the entries of each namespace, by namespace name
	 */
	InMemoryKvStore(KvLimits limits, Map<String, Map<String, String>> contents) {
		this.limits = limits;
		contents.forEach((namespace, entries) -> this.namespaces.put(namespace, StoredNamespace.of(entries)));
	}

	@Override
	public CompletableFuture<KvSnapshot> versionedSnapshot(String namespace) {
		return CompletableFuture.completedFuture(current(namespace).snapshot());
	}

	@Override
	public CompletableFuture<Void> apply(String namespace, KvChange change) {
		if (change.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		try {
			while (!tryApply(namespace, change, current(namespace))) {
				// another change won the race: apply this one to the version it stored
			}
			return CompletableFuture.completedFuture(null);
		}
		catch (KvLimitExceededException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	@Override
	public CompletableFuture<Boolean> applyIfUnchanged(String namespace, KvChange change, long version) {
		if (change.isEmpty()) {
			return CompletableFuture.completedFuture(true);
		}
		try {
			StoredNamespace current = current(namespace);
			// a failed swap means another change was stored since: the version moved on
			return CompletableFuture
				.completedFuture(current.version() == version && tryApply(namespace, change, current));
		}
		catch (KvLimitExceededException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	private StoredNamespace current(String namespace) {
		return this.namespaces.getOrDefault(namespace, StoredNamespace.EMPTY);
	}

	private boolean tryApply(String namespace, KvChange change, StoredNamespace current) {
		StoredNamespace next = current.apply(namespace, change, this.limits);
		if (current == StoredNamespace.EMPTY) {
			return this.namespaces.putIfAbsent(namespace, next) == null;
		}
		return this.namespaces.replace(namespace, current, next);
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * This store lists every namespace a change was stored in, including those a later
	 * change emptied.
	 */
	@Override
	public CompletableFuture<Set<String>> namespaces() {
		return CompletableFuture.completedFuture(Set.copyOf(this.namespaces.keySet()));
	}

}
