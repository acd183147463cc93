package dev.wasmworkers.kv;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InMemoryKvStoreTests extends KvStoreContractTests {

	private static final KvLimits LIMITS = new KvLimits(2, 1000);

	@Override
	protected KvStore createStore(KvLimits limits) {
		return new InMemoryKvStore(limits);
	}

	@Override
	protected KvStore createStore(KvLimits limits, String namespace, Map<String, String> entries) {
		return new InMemoryKvStore(limits, Map.of(namespace, entries));
	}

	@Test
	void namespacesAreThoseAChangeWasAppliedTo() {
		InMemoryKvStore store = new InMemoryKvStore(LIMITS);
		store.apply("written", new KvChange(Map.of("a", "1"), Set.of())).join();
		store.apply("emptied", new KvChange(Map.of("a", "1"), Set.of())).join();
		store.apply("emptied", new KvChange(Map.of(), Set.of("a"))).join();
		store.snapshot("only-read").join();
		store.apply("unchanged", new KvChange(Map.of(), Set.of())).join();
		store.apply("refused", new KvChange(Map.of("a", "1", "b", "2", "c", "3"), Set.of()))
			.exceptionally((ex) -> null)
			.join();
		assertThat(store.namespaces().join()).containsExactlyInAnyOrder("written", "emptied");
	}

	@Test
	void namespacesIsAnImmutableCopy() {
		InMemoryKvStore store = new InMemoryKvStore(LIMITS);
		Set<String> before = store.namespaces().join();
		store.apply("ns", new KvChange(Map.of("a", "1"), Set.of())).join();
		assertThat(before).isEmpty();
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> store.namespaces().join().add("other"));
	}

	@Test
	void snapshotsOfAnUnchangedNamespaceShareOneMap() {
		InMemoryKvStore store = new InMemoryKvStore(LIMITS);
		store.apply("ns", new KvChange(Map.of("a", "1"), Set.of())).join();
		assertThat(store.snapshot("ns").join()).isSameAs(store.snapshot("ns").join());
	}

}
