package dev.wasmworkers.kv;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The behaviour every {@link KvStore} must show; a store's tests extend this class.
 */
public abstract class KvStoreContractTests {

	private static final KvLimits ROOMY = new KvLimits(10_000, 1_000_000);

	/**
	 * Creates an empty store.
	 * @param limits the limits of every namespace
	 * @return the store under test
	 */
	protected abstract KvStore createStore(KvLimits limits);

	/**
	 * Creates a store whose namespace already holds the given entries, even past the
	 * limits, as after the limits were lowered.
	 * @param limits the limits of every namespace
	 * @param namespace the namespace to fill
	 * @param entries its entries
	 * @return the store under test
	 */
	protected abstract KvStore createStore(KvLimits limits, String namespace, Map<String, String> entries);

	@Test
	void snapshotOfUnknownNamespaceIsEmpty() {
		assertThat(snapshot(createStore(ROOMY), "unknown")).isEmpty();
	}

	@Test
	void appliedChangeIsInTheNextSnapshot() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1", "b", "2"), Set.of());
		assertThat(snapshot(store, "ns")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
	}

	@Test
	void namespacesAreIsolated() {
		KvStore store = createStore(ROOMY);
		apply(store, "one", Map.of("a", "1"), Set.of());
		apply(store, "two", Map.of("a", "2"), Set.of());
		apply(store, "two", Map.of(), Set.of("a"));
		assertThat(snapshot(store, "one")).containsExactlyEntriesOf(Map.of("a", "1"));
		assertThat(snapshot(store, "two")).isEmpty();
	}

	@Test
	void namespacesListsEveryNamespaceHoldingEntries() {
		KvStore store = createStore(ROOMY);
		apply(store, "one", Map.of("a", "1"), Set.of());
		apply(store, "two", Map.of("a", "2", "b", "3"), Set.of());
		store.snapshot("only-read").join();
		assertThat(store.namespaces().join()).contains("one", "two").doesNotContain("only-read");
	}

	@Test
	void namespacesOfAnEmptyStoreIsEmpty() {
		assertThat(createStore(ROOMY).namespaces().join()).isEmpty();
	}

	@Test
	void removedKeysAreGoneAndRemovingAMissingKeyIsHarmless() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1", "b", "2"), Set.of());
		apply(store, "ns", Map.of(), Set.of("a", "never-set"));
		assertThat(snapshot(store, "ns")).containsExactlyEntriesOf(Map.of("b", "2"));
	}

	@Test
	void emptyChangeIsANoOp() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1"), Set.of());
		apply(store, "ns", Map.of(), Set.of());
		apply(store, "other", Map.of(), Set.of());
		assertThat(snapshot(store, "ns")).containsExactlyEntriesOf(Map.of("a", "1"));
		assertThat(snapshot(store, "other")).isEmpty();
	}

	@Test
	void runsChangingDifferentKeysOfOneSnapshotBothKeepTheirChange() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("x", "0", "y", "0"), Set.of());
		Map<String, String> seenByA = snapshot(store, "ns");
		Map<String, String> seenByB = snapshot(store, "ns");
		store.apply("ns", KvChange.between(seenByA, Map.of("x", "a", "y", "0"))).join();
		store.apply("ns", KvChange.between(seenByB, Map.of("x", "0", "y", "b", "z", "b"))).join();
		assertThat(snapshot(store, "ns")).containsExactlyInAnyOrderEntriesOf(Map.of("x", "a", "y", "b", "z", "b"));
	}

	@Test
	void keysARunDidNotTouchKeepTheirCurrentValue() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("x", "old", "gone", "1"), Set.of());
		Map<String, String> seenBySlowRun = snapshot(store, "ns");
		apply(store, "ns", Map.of("x", "new", "added", "1"), Set.of("gone"));
		Map<String, String> slowOutput = new HashMap<>(seenBySlowRun);
		slowOutput.put("mine", "1");
		store.apply("ns", KvChange.between(seenBySlowRun, slowOutput)).join();
		assertThat(snapshot(store, "ns"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("x", "new", "added", "1", "mine", "1"));
	}

	@Test
	void runsChangingTheSameKeyOfOneSnapshotLastWriterWinsPerKey() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("counter", "0", "flag", "on"), Set.of());
		Map<String, String> seenByA = snapshot(store, "ns");
		Map<String, String> seenByB = snapshot(store, "ns");
		store.apply("ns", KvChange.between(seenByA, Map.of("counter", "1", "flag", "on"))).join();
		store.apply("ns", KvChange.between(seenByB, Map.of("counter", "1"))).join();
		// both runs incremented 0 to 1: one increment is lost, as with any
		// read-modify-write
		// without a version check; B removed the flag last, so it is gone
		assertThat(snapshot(store, "ns")).containsExactlyEntriesOf(Map.of("counter", "1"));
	}

	@Test
	void snapshotIsImmutable() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1"), Set.of());
		Map<String, String> snapshot = snapshot(store, "ns");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> snapshot.put("b", "2"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> snapshot.remove("a"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> snapshot(store, "unknown").put("b", "2"));
	}

	@Test
	void snapshotDoesNotSeeLaterChanges() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1"), Set.of());
		Map<String, String> snapshot = snapshot(store, "ns");
		apply(store, "ns", Map.of("a", "2", "b", "2"), Set.of());
		assertThat(snapshot).containsExactlyEntriesOf(Map.of("a", "1"));
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void concurrentRunsIncrementingTheirOwnKeysLoseNoIncrement() throws Exception {
		KvStore store = createStore(ROOMY);
		int threads = 8;
		int increments = 500;
		runConcurrently(threads, (thread) -> {
			String key = "counter-" + thread;
			for (int i = 0; i < increments; i++) {
				Map<String, String> before = snapshot(store, "ns");
				Map<String, String> after = new HashMap<>(before);
				after.put(key, Integer.toString(Integer.parseInt(before.getOrDefault(key, "0")) + 1));
				store.apply("ns", KvChange.between(before, after)).join();
			}
		});
		Map<String, String> expected = new HashMap<>();
		for (int thread = 0; thread < threads; thread++) {
			expected.put("counter-" + thread, Integer.toString(increments));
		}
		assertThat(snapshot(store, "ns")).containsExactlyInAnyOrderEntriesOf(expected);
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void concurrentRunsWritingTheSameKeyLeaveTheValueOfTheLastWriter() throws Exception {
		KvStore store = createStore(ROOMY);
		int threads = 8;
		int writes = 500;
		runConcurrently(threads, (thread) -> {
			for (int i = 0; i < writes; i++) {
				Map<String, String> before = snapshot(store, "ns");
				Map<String, String> after = new HashMap<>(before);
				after.put("shared", thread + "-" + i);
				store.apply("ns", KvChange.between(before, after)).join();
			}
		});
		// the last change applied is the last change of some thread
		List<String> lastWrites = new ArrayList<>();
		for (int thread = 0; thread < threads; thread++) {
			lastWrites.add(thread + "-" + (writes - 1));
		}
		assertThat(snapshot(store, "ns")).containsOnlyKeys("shared");
		assertThat(snapshot(store, "ns").get("shared")).isIn(lastWrites);
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void concurrentChangesNeverTakeANamespacePastItsEntryLimit() throws Exception {
		KvStore store = createStore(new KvLimits(100, 1_000_000));
		AtomicInteger applied = new AtomicInteger();
		AtomicInteger refused = new AtomicInteger();
		runConcurrently(8, (thread) -> {
			for (int i = 0; i < 50; i++) {
				CompletableFuture<Void> result = store.apply("ns",
						new KvChange(Map.of(thread + "-" + i, "v"), Set.of()));
				if (catchThrowable(result::join) == null) {
					applied.incrementAndGet();
				}
				else {
					refusal(result);
					refused.incrementAndGet();
				}
			}
		});
		assertThat(applied).hasValue(100);
		assertThat(refused).hasValue(300);
		assertThat(snapshot(store, "ns")).hasSize(100);
	}

	@Test
	void entriesUpToTheLimitAreAllowed() {
		KvStore store = createStore(new KvLimits(3, 1000));
		apply(store, "counter", Map.of("a", "1", "b", "2"), Set.of());
		apply(store, "counter", Map.of("c", "3"), Set.of());
		assertThat(snapshot(store, "counter")).hasSize(3);
	}

	@Test
	void oneEntryPastTheLimitIsRefused() {
		KvStore store = createStore(new KvLimits(3, 1000));
		apply(store, "counter", Map.of("a", "1", "b", "2", "c", "3"), Set.of());
		KvLimitExceededException refusal = refusal(store.apply("counter", new KvChange(Map.of("d", "4"), Set.of())));
		assertThat(refusal).hasMessage(
				"KV namespace 'counter' would hold 4 entries, more than the limit of 3 (wasm.workers.kv.max-entries)");
		assertThat(refusal.namespace()).isEqualTo("counter");
	}

	@Test
	void entryLimitCountsTheResultOfTheWholeChange() {
		KvStore store = createStore(new KvLimits(3, 1000));
		apply(store, "ns", Map.of("a", "1"), Set.of());
		assertThat(refusal(store.apply("ns", new KvChange(Map.of("a", "2", "b", "2", "c", "3", "d", "4"), Set.of()))))
			.hasMessage(
					"KV namespace 'ns' would hold 4 entries, more than the limit of 3 (wasm.workers.kv.max-entries)");
		apply(store, "ns", Map.of("b", "2", "c", "3", "d", "4"), Set.of("a"));
		assertThat(snapshot(store, "ns")).containsOnlyKeys("b", "c", "d");
	}

	@Test
	void limitsApplyToEachNamespaceSeparately() {
		KvStore store = createStore(new KvLimits(2, 1000));
		apply(store, "one", Map.of("a", "1", "b", "2"), Set.of());
		apply(store, "two", Map.of("a", "1", "b", "2"), Set.of());
		assertThat(refusal(store.apply("two", new KvChange(Map.of("c", "3"), Set.of())))).hasMessage(
				"KV namespace 'two' would hold 3 entries, more than the limit of 2 (wasm.workers.kv.max-entries)");
	}

	@Test
	void bytesAreCountedInUtf8UpToTheLimit() {
		KvStore store = createStore(new KvLimits(100, 10));
		// "ключ" is 4 characters but 8 bytes, "é" 1 character but 2 bytes: 10 bytes
		apply(store, "ns", Map.of("ключ", "é"), Set.of());
		assertThat(snapshot(store, "ns")).containsExactlyEntriesOf(Map.of("ключ", "é"));
		// "€" is 3 bytes: 11
		assertThat(refusal(store.apply("ns", new KvChange(Map.of("ключ", "€"), Set.of()))))
			.hasMessage("KV namespace 'ns' would hold 11 bytes, more than the limit of 10 (wasm.workers.kv.max-bytes)");
	}

	@Test
	void supplementaryCharactersCountFourBytes() {
		KvStore store = createStore(new KvLimits(100, 9));
		// 1 + 4 + 4 bytes, though "😀😀" is 4 chars
		apply(store, "ns", Map.of("k", "😀😀"), Set.of());
		assertThat(refusal(store.apply("ns", new KvChange(Map.of("k", "😀😀!"), Set.of()))))
			.hasMessage("KV namespace 'ns' would hold 10 bytes, more than the limit of 9 (wasm.workers.kv.max-bytes)");
	}

	@Test
	void overwritingAValueCountsOnlyTheNewValue() {
		KvStore store = createStore(new KvLimits(100, 10));
		apply(store, "ns", Map.of("k", "123456789"), Set.of());
		apply(store, "ns", Map.of("k", "abcdefghi"), Set.of());
		apply(store, "ns", Map.of("k", "x"), Set.of());
		apply(store, "ns", Map.of("l", "1234567"), Set.of());
		assertThat(snapshot(store, "ns")).containsExactlyInAnyOrderEntriesOf(Map.of("k", "x", "l", "1234567"));
	}

	@Test
	void refusedChangeLeavesTheNamespaceUnchanged() {
		KvStore store = createStore(new KvLimits(3, 1000));
		apply(store, "ns", Map.of("a", "1", "b", "2"), Set.of());
		refusal(store.apply("ns", new KvChange(Map.of("a", "changed", "c", "3", "d", "4", "e", "5"), Set.of("b"))));
		assertThat(snapshot(store, "ns")).containsExactlyInAnyOrderEntriesOf(Map.of("a", "1", "b", "2"));
	}

	@Test
	void removalsAreAllowedWhileOverTheEntryLimit() {
		KvStore store = createStore(new KvLimits(3, 1000), "ns",
				Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
		apply(store, "ns", Map.of(), Set.of("a"));
		assertThat(snapshot(store, "ns")).hasSize(4);
		assertThat(refusal(store.apply("ns", new KvChange(Map.of("f", "6"), Set.of())))).hasMessage(
				"KV namespace 'ns' would hold 5 entries, more than the limit of 3 (wasm.workers.kv.max-entries)");
		apply(store, "ns", Map.of(), Set.of("b", "c", "d"));
		assertThat(snapshot(store, "ns")).containsExactlyEntriesOf(Map.of("e", "5"));
	}

	@Test
	void changesThatDoNotAddEntriesAreAllowedWhileOverTheEntryLimit() {
		KvStore store = createStore(new KvLimits(3, 1000), "ns",
				Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
		apply(store, "ns", Map.of("a", "changed"), Set.of());
		apply(store, "ns", Map.of("f", "6"), Set.of("b"));
		assertThat(snapshot(store, "ns")).containsOnlyKeys("a", "c", "d", "e", "f").containsEntry("a", "changed");
	}

	@Test
	void onlyChangesThatDoNotGrowTheNamespaceAreAllowedWhileOverTheByteLimit() {
		// 2 + 18 = 20 bytes against a limit of 10
		KvStore store = createStore(new KvLimits(100, 10), "ns", Map.of("ab", "123456789012345678"));
		apply(store, "ns", Map.of("ab", "12345678901234567"), Set.of());
		assertThat(refusal(store.apply("ns", new KvChange(Map.of("ab", "123456789012345678"), Set.of()))))
			.hasMessage("KV namespace 'ns' would hold 20 bytes, more than the limit of 10 (wasm.workers.kv.max-bytes)");
		apply(store, "ns", Map.of(), Set.of("ab"));
		assertThat(snapshot(store, "ns")).isEmpty();
	}

	@Test
	void versionedSnapshotHoldsTheEntriesOfTheSnapshot() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1", "b", "2"), Set.of());
		KvSnapshot snapshot = store.versionedSnapshot("ns").join();
		assertThat(snapshot.entries()).isEqualTo(snapshot(store, "ns")).isEqualTo(Map.of("a", "1", "b", "2"));
	}

	@Test
	void everyAppliedChangeGivesANewVersionThatNeverComesBack() {
		KvStore store = createStore(ROOMY);
		List<Long> versions = new ArrayList<>();
		versions.add(version(store, "ns"));
		apply(store, "ns", Map.of("a", "1"), Set.of());
		versions.add(version(store, "ns"));
		apply(store, "ns", Map.of("a", "2"), Set.of());
		versions.add(version(store, "ns"));
		apply(store, "ns", Map.of(), Set.of("a"));
		versions.add(version(store, "ns"));
		assertThat(snapshot(store, "ns")).isEmpty();
		apply(store, "ns", Map.of("a", "1"), Set.of());
		versions.add(version(store, "ns"));
		assertThat(versions).doesNotHaveDuplicates();
	}

	@Test
	void versionDoesNotChangeWithoutAChange() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1"), Set.of());
		long version = version(store, "ns");
		apply(store, "ns", Map.of(), Set.of());
		apply(store, "other", Map.of("a", "1"), Set.of());
		refusal(store.apply("ns", new KvChange(Map.of("x", "y".repeat(2_000_000)), Set.of())));
		assertThat(version(store, "ns")).isEqualTo(version);
	}

	@Test
	void changeOfAnUnchangedVersionIsApplied() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("counter", "1", "other", "x"), Set.of());
		KvSnapshot seen = store.versionedSnapshot("ns").join();
		assertThat(store.applyIfUnchanged("ns", new KvChange(Map.of("counter", "2"), Set.of("other")), seen.version())
			.join()).isTrue();
		assertThat(snapshot(store, "ns")).containsExactlyEntriesOf(Map.of("counter", "2"));
		assertThat(version(store, "ns")).isNotEqualTo(seen.version());
	}

	@Test
	void changeOfANamespaceNeverWrittenIsAppliedAtItsFirstVersion() {
		KvStore store = createStore(ROOMY);
		KvSnapshot seen = store.versionedSnapshot("new").join();
		assertThat(seen.entries()).isEmpty();
		assertThat(store.applyIfUnchanged("new", new KvChange(Map.of("a", "1"), Set.of()), seen.version()).join())
			.isTrue();
		assertThat(store.applyIfUnchanged("new", new KvChange(Map.of("a", "2"), Set.of()), seen.version()).join())
			.isFalse();
		assertThat(snapshot(store, "new")).containsExactlyEntriesOf(Map.of("a", "1"));
	}

	@Test
	void changeOfAVersionThatMovedOnIsRefusedAndChangesNothing() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("counter", "1"), Set.of());
		KvSnapshot seen = store.versionedSnapshot("ns").join();
		apply(store, "ns", Map.of("unrelated", "x"), Set.of());
		long current = version(store, "ns");
		assertThat(store.applyIfUnchanged("ns", new KvChange(Map.of("counter", "2"), Set.of()), seen.version()).join())
			.isFalse();
		assertThat(snapshot(store, "ns")).containsExactlyInAnyOrderEntriesOf(Map.of("counter", "1", "unrelated", "x"));
		assertThat(version(store, "ns")).isEqualTo(current);
	}

	@Test
	void changeOfAVersionEmptiedSinceIsRefused() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1"), Set.of());
		KvSnapshot seen = store.versionedSnapshot("ns").join();
		apply(store, "ns", Map.of(), Set.of("a"));
		assertThat(store.applyIfUnchanged("ns", new KvChange(Map.of("a", "2"), Set.of()), seen.version()).join())
			.isFalse();
		assertThat(snapshot(store, "ns")).isEmpty();
	}

	@Test
	void emptyChangeOfAnyVersionIsApplied() {
		KvStore store = createStore(ROOMY);
		apply(store, "ns", Map.of("a", "1"), Set.of());
		long version = version(store, "ns");
		assertThat(store.applyIfUnchanged("ns", new KvChange(Map.of(), Set.of()), version - 1).join()).isTrue();
		assertThat(version(store, "ns")).isEqualTo(version);
	}

	@Test
	void changeOfAnUnchangedVersionPastALimitIsRefusedAndChangesNothing() {
		KvStore store = createStore(new KvLimits(2, 1000));
		apply(store, "ns", Map.of("a", "1", "b", "2"), Set.of());
		KvSnapshot seen = store.versionedSnapshot("ns").join();
		CompletableFuture<Boolean> result = store.applyIfUnchanged("ns", new KvChange(Map.of("c", "3"), Set.of()),
				seen.version());
		Throwable thrown = catchThrowable(result::join);
		assertThat(thrown).hasCauseInstanceOf(KvLimitExceededException.class)
			.cause()
			.hasMessage(
					"KV namespace 'ns' would hold 3 entries, more than the limit of 2 (wasm.workers.kv.max-entries)");
		assertThat(store.versionedSnapshot("ns").join()).isEqualTo(seen);
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void concurrentRunsIncrementingTheSameKeyWithRetriesLoseNoIncrement() throws Exception {
		KvStore store = createStore(ROOMY);
		int threads = 8;
		int increments = 200;
		runConcurrently(threads, (thread) -> {
			for (int i = 0; i < increments; i++) {
				while (true) {
					KvSnapshot before = store.versionedSnapshot("ns").join();
					String next = Integer.toString(Integer.parseInt(before.entries().getOrDefault("shared", "0")) + 1);
					KvChange change = new KvChange(Map.of("shared", next, "last-" + thread, Integer.toString(i)),
							Set.of());
					if (store.applyIfUnchanged("ns", change, before.version()).join()) {
						break;
					}
				}
			}
		});
		assertThat(snapshot(store, "ns")).containsEntry("shared", Integer.toString(threads * increments));
		for (int thread = 0; thread < threads; thread++) {
			assertThat(snapshot(store, "ns")).containsEntry("last-" + thread, Integer.toString(increments - 1));
		}
	}

	private static Map<String, String> snapshot(KvStore store, String namespace) {
		return store.snapshot(namespace).join();
	}

	private static long version(KvStore store, String namespace) {
		return store.versionedSnapshot(namespace).join().version();
	}

	private static void apply(KvStore store, String namespace, Map<String, String> set, Set<String> removed) {
		store.apply(namespace, new KvChange(set, removed)).join();
	}

	private static KvLimitExceededException refusal(CompletableFuture<Void> result) {
		Throwable thrown = catchThrowable(result::join);
		assertThat(thrown).isInstanceOf(CompletionException.class).hasCauseInstanceOf(KvLimitExceededException.class);
		return (KvLimitExceededException) thrown.getCause();
	}

	private static void runConcurrently(int threads, IntConsumer task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<?>> running = new ArrayList<>();
			for (int thread = 0; thread < threads; thread++) {
				int id = thread;
				running.add(executor.submit(() -> {
					start.await();
					task.accept(id);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : running) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

}
