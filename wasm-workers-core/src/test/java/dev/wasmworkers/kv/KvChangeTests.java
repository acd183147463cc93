package dev.wasmworkers.kv;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KvChangeTests {

	@Test
	void betweenSetsAddedAndChangedKeysRemovesMissingOnesAndSkipsUnchangedOnes() {
		KvChange change = KvChange.between(Map.of("same", "1", "changed", "1", "removed", "1"),
				Map.of("same", "1", "changed", "2", "added", "3"));
		assertThat(change.set()).containsExactlyInAnyOrderEntriesOf(Map.of("changed", "2", "added", "3"));
		assertThat(change.removed()).containsExactly("removed");
		assertThat(change.isEmpty()).isFalse();
	}

	@Test
	void betweenEqualMapsIsEmpty() {
		KvChange change = KvChange.between(Map.of("a", "1"), new HashMap<>(Map.of("a", "1")));
		assertThat(change.set()).isEmpty();
		assertThat(change.removed()).isEmpty();
		assertThat(change.isEmpty()).isTrue();
	}

	@Test
	void betweenAnEmptySnapshotAndOutputSetsEveryKey() {
		assertThat(KvChange.between(Map.of(), Map.of("a", "1", "b", "2")))
			.isEqualTo(new KvChange(Map.of("a", "1", "b", "2"), Set.of()));
	}

	@Test
	void betweenASnapshotAndAnEmptyOutputRemovesEveryKey() {
		assertThat(KvChange.between(Map.of("a", "1", "b", "2"), Map.of()))
			.isEqualTo(new KvChange(Map.of(), Set.of("a", "b")));
	}

	@Test
	void anEmptyValueIsAValue() {
		assertThat(KvChange.between(Map.of("a", "1"), Map.of("a", "", "b", "")))
			.isEqualTo(new KvChange(Map.of("a", "", "b", ""), Set.of()));
	}

	@Test
	void changeCopiesItsInputsAndIsImmutable() {
		Map<String, String> set = new HashMap<>(Map.of("a", "1"));
		Set<String> removed = new HashSet<>(Set.of("b"));
		KvChange change = new KvChange(set, removed);
		set.put("c", "3");
		removed.add("d");
		assertThat(change.set()).containsExactlyEntriesOf(Map.of("a", "1"));
		assertThat(change.removed()).containsExactly("b");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> change.set().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> change.removed().clear());
	}

	@Test
	void aKeyCannotBeBothSetAndRemoved() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KvChange(Map.of("a", "1"), Set.of("a")))
			.withMessage("KV key 'a' cannot be both set and removed");
	}

}
