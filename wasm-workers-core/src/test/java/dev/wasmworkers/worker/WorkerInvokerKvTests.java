package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvSnapshot;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.kv.KvStoreUnavailableException;
import dev.wasmworkers.kv.OnConflict;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.runtime.WorkerRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a {@link WorkerInvoker} reads and writes a worker's KV namespace: conflicts with
 * {@code on_conflict = "retry"} and last-writer-wins, and an unreachable store; on the
 * real C counter worker ({@code workers/c/counter.c}), whose namespace another request
 * changes between its snapshot and its write-back.
 */
class WorkerInvokerKvTests {

	private static final WorkerInput INPUT = new WorkerInput("http://localhost/", "GET", Map.of(), "", Map.of(),
			Map.of());

	@TempDir
	static Path root;

	private static WorkerCatalog catalog;

	private final InMemoryKvStore store = new InMemoryKvStore(new KvLimits(100, 100_000));

	private WorkerExecutor executor;

	@BeforeAll
	static void loadWorkers() throws IOException {
		counter("retry", "on_conflict = \"retry\"");
		counter("last-writer-wins", "on_conflict = \"last-writer-wins\"");
		counter("default", "");
		catalog = WorkerCatalog.load(root, "", new WorkerDiscovery(Set.of("wasm")),
				new WorkerLoader(WorkerRuntimes.defaults(new WasmEngine()), new WorkerConfigReader((name) -> null),
						new OutboundHttpClient(OutboundHttpSettings.defaults())));
	}

	@AfterEach
	void closeExecutor() {
		this.executor.close();
	}

	@Test
	void whenAnotherRequestChangedTheNamespaceThenARetryingWorkerRunsAgainAndNoIncrementIsLost() {
		InterferingStore interfering = new InterferingStore(this.store, 2);

		HttpReply reply = invoke(interfering, KvConflictSettings.DEFAULTS, "retry");

		assertThat(text(reply)).isEqualTo("count 3");
		assertThat(interfering.snapshots).as("runs").hasValue(3);
		assertThat(this.store.snapshot("retry").join()).containsEntry("count", "3");
	}

	@Test
	void whenAnotherRequestChangedTheNamespaceThenALastWriterWinsWorkerOverwritesItsIncrement() {
		InterferingStore interfering = new InterferingStore(this.store, 1);

		HttpReply reply = invoke(interfering, KvConflictSettings.DEFAULTS, "last-writer-wins");

		assertThat(text(reply)).isEqualTo("count 1");
		assertThat(interfering.snapshots).as("runs").hasValue(1);
		assertThat(this.store.snapshot("last-writer-wins").join()).containsEntry("count", "1");
	}

	@Test
	void whenRetryIsTheDefaultThenAWorkerWithoutOnConflictRetries() {
		InterferingStore interfering = new InterferingStore(this.store, 1);

		HttpReply reply = invoke(interfering, new KvConflictSettings(OnConflict.RETRY, 10), "default");

		assertThat(text(reply)).isEqualTo("count 2");
		assertThat(interfering.snapshots).as("runs").hasValue(2);
	}

	@Test
	void whenEveryRunConflictsThenTheRequestIsAnswered409AndChangesNothingAfterTheLastRetry() {
		InterferingStore interfering = new InterferingStore(this.store, Integer.MAX_VALUE);

		HttpReply reply = invoke(interfering, new KvConflictSettings(OnConflict.LAST_WRITER_WINS, 2), "retry");

		assertThat(reply.status()).isEqualTo(409);
		assertThat(text(reply)).isEqualTo("KV namespace 'retry' was changed by another request during each of the 3 "
				+ "runs of this one (on_conflict = \"retry\", wasm.workers.kv.max-retries): nothing was changed");
		assertThat(interfering.snapshots).as("runs").hasValue(3);
		// only the three increments of the other request were stored
		assertThat(this.store.snapshot("retry").join()).containsEntry("count", "3");
	}

	@Test
	void whenRunsKeepConflictingThenTheRetriesEndAtTheRequestDeadline() {
		InterferingStore interfering = new InterferingStore(this.store, Integer.MAX_VALUE);
		this.executor = new WorkerExecutor(2, 2);
		WorkerInvoker invoker = new WorkerInvoker(this.executor, new WorkerProtocol(), interfering,
				new RunLimits(Duration.ofMillis(500), 16, 1 << 20, 1 << 20), new WorkerGates(2, 2),
				InvocationListener.NONE, new KvConflictSettings(OnConflict.RETRY, Integer.MAX_VALUE));

		CompletableFuture<HttpReply> reply = invoker.invoke(worker("retry"), INPUT);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(reply::join)
			.withCauseInstanceOf(WorkerTimeoutException.class);
		assertThat(interfering.snapshots.get()).isGreaterThan(1);
	}

	@Test
	void whenTheStoreCannotBeReadThenTheWorkerDoesNotRunAndTheAnswerIs503WithRetryAfter() {
		UnreachableStore unreachable = new UnreachableStore(true);

		HttpReply reply = invoke(unreachable, KvConflictSettings.DEFAULTS, "last-writer-wins");

		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.headers()).containsEntry("retry-after", "1");
		assertThat(text(reply)).isEqualTo("KV store unavailable, retry later: Redis is down");
		assertThat(unreachable.applied).as("write-backs tried").hasValue(0);
	}

	@Test
	void whenTheChangesCannotBeStoredThenTheAnswerIs503NotTheWorkersReply() {
		UnreachableStore unreachable = new UnreachableStore(false);

		HttpReply lastWriterWins = invoke(unreachable, KvConflictSettings.DEFAULTS, "last-writer-wins");
		HttpReply retry = invoke(unreachable, KvConflictSettings.DEFAULTS, "retry");

		assertThat(lastWriterWins.status()).isEqualTo(503);
		assertThat(retry.status()).isEqualTo(503);
		assertThat(text(retry)).isEqualTo("KV store unavailable, retry later: Redis is down");
		assertThat(unreachable.applied).as("write-backs tried").hasValue(2);
	}

	private HttpReply invoke(KvStore kvStore, KvConflictSettings settings, String workerName) {
		if (this.executor == null) {
			this.executor = new WorkerExecutor(2, 2);
		}
		WorkerInvoker invoker = new WorkerInvoker(this.executor, new WorkerProtocol(), kvStore,
				new RunLimits(Duration.ofSeconds(30), 16, 1 << 20, 1 << 20), new WorkerGates(2, 2),
				InvocationListener.NONE, settings);
		return invoker.invoke(worker(workerName), INPUT).join();
	}

	private static Worker worker(String name) {
		return catalog.workers()
			.stream()
			.filter((worker) -> worker.name().equals(name + ".wasm"))
			.findFirst()
			.orElseThrow();
	}

	private static String text(HttpReply reply) {
		return new String(reply.body(), StandardCharsets.UTF_8);
	}

	private static void counter(String name, String onConflict) throws IOException {
		Files.copy(Path.of("../sample-app/workers/counter.wasm"), root.resolve(name + ".wasm"));
		Files.writeString(root.resolve(name + ".toml"), """
				[data.kv]
				namespace = "%s"
				%s
				""".formatted(name, onConflict));
	}

	/**
	 * A store in which, right after each of the first snapshots, another request
	 * increments {@code count}, as another replica would while the worker runs.
	 */
	private static final class InterferingStore implements KvStore {

		private final KvStore store;

		private final int interferences;

		private final AtomicInteger snapshots = new AtomicInteger();

		InterferingStore(KvStore store, int interferences) {
			this.store = store;
			this.interferences = interferences;
		}

		@Override
		public CompletableFuture<KvSnapshot> versionedSnapshot(String namespace) {
			KvSnapshot snapshot = this.store.versionedSnapshot(namespace).join();
			if (this.snapshots.getAndIncrement() < this.interferences) {
				int count = Integer.parseInt(this.store.snapshot(namespace).join().getOrDefault("count", "0"));
				this.store.apply(namespace, new KvChange(Map.of("count", Integer.toString(count + 1)), Set.of()))
					.join();
			}
			return CompletableFuture.completedFuture(snapshot);
		}

		@Override
		public CompletableFuture<Void> apply(String namespace, KvChange change) {
			return this.store.apply(namespace, change);
		}

		@Override
		public CompletableFuture<Boolean> applyIfUnchanged(String namespace, KvChange change, long version) {
			return this.store.applyIfUnchanged(namespace, change, version);
		}

		@Override
		public CompletableFuture<Set<String>> namespaces() {
			return this.store.namespaces();
		}

	}

	/** A store that cannot be reached for reads, or for writes only. */
	private static final class UnreachableStore implements KvStore {

		private final boolean readsFail;

		private final AtomicInteger applied = new AtomicInteger();

		UnreachableStore(boolean readsFail) {
			this.readsFail = readsFail;
		}

		@Override
		public CompletableFuture<KvSnapshot> versionedSnapshot(String namespace) {
			return this.readsFail ? down() : CompletableFuture.completedFuture(KvSnapshot.EMPTY);
		}

		@Override
		public CompletableFuture<Void> apply(String namespace, KvChange change) {
			this.applied.incrementAndGet();
			return down();
		}

		@Override
		public CompletableFuture<Boolean> applyIfUnchanged(String namespace, KvChange change, long version) {
			this.applied.incrementAndGet();
			return down();
		}

		@Override
		public CompletableFuture<Set<String>> namespaces() {
			return down();
		}

		private static <T> CompletableFuture<T> down() {
			return CompletableFuture.failedFuture(new KvStoreUnavailableException("Redis is down"));
		}

	}

}
