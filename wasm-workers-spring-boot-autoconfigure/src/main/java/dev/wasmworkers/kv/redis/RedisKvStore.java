package dev.wasmworkers.kv.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimitExceededException;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvSnapshot;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.kv.KvStoreUnavailableException;
import reactor.core.publisher.Mono;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The store for several instances of an application: every namespace in Redis, through
 * the application's Spring Data Redis connection.
 * <p>
 * Each namespace is a hash of its entries and a hash of its version and byte count (see
 * {@link RedisKvKeys}). A snapshot is one Lua script that reads the entries and the
 * version together; a change is one Lua script that checks the version (for
 * {@link #applyIfUnchanged}) and the limits, then sets and removes the keys and counts
 * the new version, all in one atomic step. Its work is proportional to the keys changed,
 * not to the size of the namespace: the entry count is the hash's length and the byte
 * count is kept beside the version. Namespaces are listed with {@code SCAN}, never
 * {@code KEYS}.
 * <p>
 * Every call fails with {@link KvStoreUnavailableException} when Redis does not answer
 * within the timeout or answers with an error; after such a failure, calls fail at once
 * until a probe call, one a second, succeeds (see {@link RedisAvailability}).
 */
public final class RedisKvStore implements KvStore {

	private static final RedisScript<List> SNAPSHOT = RedisScript
		.of(new ClassPathResource("dev/wasmworkers/kv/redis/snapshot.lua"), List.class);

	private static final RedisScript<List> APPLY = RedisScript
		.of(new ClassPathResource("dev/wasmworkers/kv/redis/apply.lua"), List.class);

	private static final int SCAN_BATCH = 500;

	private final ReactiveStringRedisTemplate redis;

	private final RedisKvKeys keys;

	private final KvLimits limits;

	private final Duration timeout;

	private final RedisAvailability availability = new RedisAvailability(System::nanoTime);

	/**
	 * Creates a store.
	 * @param redis the application's Redis connection, with string keys and values
	 * @param keyPrefix the prefix of every key the store writes, so that several
	 * applications can share one Redis; must not contain braces
	 * @param limits the limits every namespace must respect
	 * @param timeout how long one call may wait for Redis
	 * @throws IllegalArgumentException if the prefix contains a brace
	 */
	public RedisKvStore(ReactiveStringRedisTemplate redis, String keyPrefix, KvLimits limits, Duration timeout) {
		this.redis = redis;
		this.keys = new RedisKvKeys(keyPrefix);
		this.limits = limits;
		this.timeout = timeout;
	}

	@Override
	public CompletableFuture<KvSnapshot> versionedSnapshot(String namespace) {
		return call(() -> this.redis.execute(SNAPSHOT, this.keys.of(namespace), List.of()).single())
			.thenApply(RedisKvStore::snapshot);
	}

	@Override
	public CompletableFuture<Void> apply(String namespace, KvChange change) {
		if (change.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		return applyAt(namespace, change, "").thenApply((applied) -> null);
	}

	@Override
	public CompletableFuture<Boolean> applyIfUnchanged(String namespace, KvChange change, long version) {
		if (change.isEmpty()) {
			return CompletableFuture.completedFuture(true);
		}
		return applyAt(namespace, change, Long.toString(version));
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * This store lists the namespaces holding at least one entry: Redis removes an empty
	 * hash.
	 */
	@Override
	public CompletableFuture<Set<String>> namespaces() {
		ScanOptions scan = ScanOptions.scanOptions().match(this.keys.entriesPattern()).count(SCAN_BATCH).build();
		return call(() -> this.redis.scan(scan)
			.map(this.keys::namespaceOf)
			.filter(Optional::isPresent)
			.map(Optional::get)
			.collectList()).thenApply(Set::copyOf);
	}

	private CompletableFuture<Boolean> applyAt(String namespace, KvChange change, String version) {
		List<String> args = new ArrayList<>(4 + 2 * change.set().size() + change.removed().size());
		args.add(version);
		args.add(Integer.toString(this.limits.maxEntries()));
		args.add(Long.toString(this.limits.maxBytes()));
		args.add(Integer.toString(change.set().size()));
		change.set().forEach((key, value) -> {
			args.add(key);
			args.add(value);
		});
		args.addAll(change.removed());
		return call(() -> this.redis.execute(APPLY, this.keys.of(namespace), args).single())
			.thenApply((result) -> applied(namespace, result));
	}

	private boolean applied(String namespace, List<?> result) {
		long status = (Long) result.get(0);
		long size = (Long) result.get(1);
		if (status == -1) {
			throw KvLimitExceededException.tooManyEntries(namespace, size, this.limits.maxEntries());
		}
		if (status == -2) {
			throw KvLimitExceededException.tooManyBytes(namespace, size, this.limits.maxBytes());
		}
		return status == 1;
	}

	private static KvSnapshot snapshot(List<?> result) {
		Map<String, String> entries = new HashMap<>();
		for (int i = 1; i + 1 < result.size(); i += 2) {
			entries.put((String) result.get(i), (String) result.get(i + 1));
		}
		return new KvSnapshot(entries, Long.parseLong((String) result.get(0)));
	}

	/**
	 * Makes one call to Redis, unless Redis is known to be down, within the timeout.
	 */
	private <T> CompletableFuture<T> call(Supplier<Mono<T>> call) {
		if (!this.availability.mayCall()) {
			return CompletableFuture.failedFuture(new KvStoreUnavailableException("the Redis KV store is unavailable"));
		}
		return Mono.defer(call)
			.timeout(this.timeout)
			.doOnSuccess((result) -> this.availability.succeeded())
			.onErrorMap((ex) -> {
				this.availability.failed(ex);
				return new KvStoreUnavailableException((ex instanceof TimeoutException)
						? "the Redis KV store did not answer within " + this.timeout.toMillis() + " ms"
						: "the Redis KV store is unavailable", ex);
			})
			.toFuture();
	}

}
