package dev.wasmworkers.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvSnapshot;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.kv.OnConflict;
import dev.wasmworkers.kv.redis.RedisKvStore;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.testing.RedisServerProcess;
import dev.wasmworkers.worker.InvocationListener;
import dev.wasmworkers.worker.KvConflictSettings;
import dev.wasmworkers.worker.RunLimits;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkerLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * The C counter worker ({@code sample-app/workers/counter.wasm}) invoked as served (the
 * worker executor, the KV snapshot, the run, the write-back), on the in-memory store (the
 * baseline), on the Redis store with a {@code redis-server} on loopback, and with
 * {@code on_conflict = "retry"} on one key incremented by 4 threads at once.
 */
@BenchmarkMode({ Mode.Throughput, Mode.SampleTime })
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:-DontCompileHugeMethods")
public class KvCounterBenchmark {

	/**
	 * Folder holding the example workers, relative to the working directory (the
	 * repository root).
	 */
	private static final String WORKERS = "sample-app/workers";

	private static final WorkerInput INPUT = BenchmarkWorkers.getInput("http://localhost:8080/counter");

	/** The counter increments of one thread, on the in-memory store. */
	@Benchmark
	@Threads(1)
	public HttpReply memoryStore(MemoryStore store) {
		return store.invoke("counter");
	}

	/** The counter increments of one thread, on the Redis store. */
	@Benchmark
	@Threads(1)
	public HttpReply redisStore(RedisStore store) {
		return store.invoke("counter");
	}

	/**
	 * Four threads incrementing one key with on_conflict = "retry", on the Redis store.
	 */
	@Benchmark
	@Threads(4)
	public HttpReply redisStoreRetryContended(RedisStore store) {
		return store.invoke("retry");
	}

	/**
	 * Four threads incrementing one key with on_conflict = "retry", on the in-memory
	 * store.
	 */
	@Benchmark
	@Threads(4)
	public HttpReply memoryStoreRetryContended(MemoryStore store) {
		return store.invoke("retry");
	}

	/** The workers and the invoker over one store. */
	public abstract static class Served {

		private WorkerExecutor executor;

		private WorkerInvoker invoker;

		private WorkerCatalog catalog;

		private CountingStore store;

		private long invocations;

		/**
		 * Loads {@code counter.wasm} twice, last-writer-wins and retry, over the store.
		 * @throws IOException if the worker cannot be copied
		 */
		@Setup
		public void load() throws IOException {
			Path root = Files.createTempDirectory("kv-benchmark");
			for (String name : new String[] { "counter", "retry" }) {
				Files.copy(Path.of(WORKERS, "counter.wasm"), root.resolve(name + ".wasm"));
				Files.writeString(root.resolve(name + ".toml"), "[data.kv]\nnamespace = \"" + name + "\"\n"
						+ ("retry".equals(name) ? "on_conflict = \"retry\"\n" : ""));
			}
			this.catalog = WorkerCatalog.load(root, "", new WorkerDiscovery(Set.of("wasm")),
					new WorkerLoader(new WasmEngine(), new WorkerConfigReader((name) -> null)));
			this.store = new CountingStore(open());
			this.executor = new WorkerExecutor(4, 256);
			this.invoker = new WorkerInvoker(this.executor, new WorkerProtocol(), this.store,
					new RunLimits(Duration.ofSeconds(30), 2048, 8 << 20, 64 << 10), new WorkerGates(4, 256),
					InvocationListener.NONE, new KvConflictSettings(OnConflict.LAST_WRITER_WINS, 10_000));
		}

		/** Prints how many write-backs found the namespace changed, then stops. */
		@TearDown
		public void close() {
			System.out.printf("%n%s: %d invocations, %d conflicts (%.2f per invocation)%n", getClass().getSimpleName(),
					this.invocations, this.store.conflicts.get(),
					(double) this.store.conflicts.get() / Math.max(1, this.invocations));
			this.executor.close();
			closeStore();
		}

		HttpReply invoke(String name) {
			Worker worker = this.catalog.workers()
				.stream()
				.filter((candidate) -> candidate.name().equals(name + ".wasm"))
				.findFirst()
				.orElseThrow();
			HttpReply reply = this.invoker.invoke(worker, INPUT).join();
			if (reply.status() != 200) {
				throw new IllegalStateException("counter answered " + reply.status());
			}
			synchronized (this) {
				this.invocations++;
			}
			return reply;
		}

		abstract KvStore open();

		abstract void closeStore();

	}

	/** The in-memory store. */
	@State(Scope.Benchmark)
	public static class MemoryStore extends Served {

		@Override
		KvStore open() {
			return new InMemoryKvStore(new KvLimits(10_000, 1 << 20));
		}

		@Override
		void closeStore() {
		}

	}

	/** The Redis store, on a {@code redis-server} started on a free loopback port. */
	@State(Scope.Benchmark)
	public static class RedisStore extends Served {

		private RedisServerProcess server;

		private LettuceConnectionFactory connection;

		@Override
		KvStore open() {
			this.server = RedisServerProcess.start();
			this.connection = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", this.server.port()));
			this.connection.afterPropertiesSet();
			this.connection.start();
			return new RedisKvStore(new ReactiveStringRedisTemplate(this.connection), "benchmark:",
					new KvLimits(10_000, 1 << 20), Duration.ofSeconds(10));
		}

		@Override
		void closeStore() {
			this.connection.destroy();
			this.server.stop();
		}

	}

	/** Counts the write-backs refused because the namespace changed. */
	private static final class CountingStore implements KvStore {

		private final KvStore store;

		private final AtomicLong conflicts = new AtomicLong();

		CountingStore(KvStore store) {
			this.store = store;
		}

		@Override
		public CompletableFuture<KvSnapshot> versionedSnapshot(String namespace) {
			return this.store.versionedSnapshot(namespace);
		}

		@Override
		public CompletableFuture<Void> apply(String namespace, KvChange change) {
			return this.store.apply(namespace, change);
		}

		@Override
		public CompletableFuture<Boolean> applyIfUnchanged(String namespace, KvChange change, long version) {
			return this.store.applyIfUnchanged(namespace, change, version).thenApply((applied) -> {
				if (!applied) {
					this.conflicts.incrementAndGet();
				}
				return applied;
			});
		}

		@Override
		public CompletableFuture<Set<String>> namespaces() {
			return this.store.namespaces();
		}

	}

}
