package dev.wasmworkers.kv.redis;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.kv.KvStoreContractTests;
import dev.wasmworkers.testing.LocalRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The KV store contract and the Redis layout of {@link RedisKvStore}, on a real
 * {@code redis-server}; each test has a key prefix of its own.
 */
class RedisKvStoreTests extends KvStoreContractTests {

	private static final AtomicInteger prefixes = new AtomicInteger();

	private static final KvLimits ROOMY = new KvLimits(10_000, 1_000_000);

	@RegisterExtension
	static final LocalRedis redis = new LocalRedis();

	private final RedisConnections connections = new RedisConnections();

	private final String prefix = "test-" + prefixes.incrementAndGet() + ":";

	@AfterEach
	void closeConnections() {
		this.connections.close();
	}

	@Override
	protected KvStore createStore(KvLimits limits) {
		return store(this.prefix, limits);
	}

	@Override
	protected KvStore createStore(KvLimits limits, String namespace, Map<String, String> entries) {
		// written as a hash without metadata, as by hand: the first change counts its
		// bytes
		ReactiveStringRedisTemplate template = this.connections.open(redis.server().port());
		template.opsForHash().putAll(this.prefix + "kv:{" + namespace + "}", entries).block();
		return store(this.prefix, limits);
	}

	@Test
	void eachNamespaceIsAHashOfItsEntriesAndAHashOfItsVersionAndBytes() {
		KvStore store = store(this.prefix, ROOMY);
		store.apply("counter", new KvChange(Map.of("count", "42", "é", "ü"), Set.of())).join();
		store.apply("counter", new KvChange(Map.of(), Set.of("count"))).join();

		assertThat(redis.server().command("TYPE", this.prefix + "kv:{counter}")).isEqualTo("+hash");
		assertThat(redis.server().command("HLEN", this.prefix + "kv:{counter}")).isEqualTo(":1");
		assertThat(redis.server().command("HGET", this.prefix + "kv:{counter}", "é")).isEqualTo("ü");
		assertThat(redis.server().command("HGET", this.prefix + "kv-meta:{counter}", "version")).isEqualTo("2");
		// "é" and "ü" are 2 bytes each in UTF-8
		assertThat(redis.server().command("HGET", this.prefix + "kv-meta:{counter}", "bytes")).isEqualTo("4");
	}

	@Test
	void aMissingByteCountIsCountedAgainFromTheEntries() {
		KvStore store = store(this.prefix, new KvLimits(100, 11));
		store.apply("ns", new KvChange(Map.of("k", "12345678"), Set.of())).join();
		redis.server().command("DEL", this.prefix + "kv-meta:{ns}");

		assertThat(store.applyIfUnchanged("ns", new KvChange(Map.of("l", "1"), Set.of()), 0).join()).isTrue();
		assertThat(redis.server().command("HGET", this.prefix + "kv-meta:{ns}", "bytes")).isEqualTo("11");
	}

	@Test
	void namespacesAreFoundWithScanUnderTheirOwnPrefixOnly() {
		KvStore mine = store(this.prefix, ROOMY);
		KvStore other = store("other-" + this.prefix, ROOMY);
		for (int i = 0; i < 1200; i++) {
			mine.apply("ns-" + i, new KvChange(Map.of("a", "1"), Set.of())).join();
		}
		mine.apply("with * and [glob] and {braces}", new KvChange(Map.of("a", "1"), Set.of())).join();
		other.apply("theirs", new KvChange(Map.of("a", "1"), Set.of())).join();

		Set<String> namespaces = mine.namespaces().join();

		assertThat(namespaces).hasSize(1201).contains("ns-0", "ns-1199", "with * and [glob] and {braces}");
		assertThat(other.namespaces().join()).containsExactly("theirs");
	}

	@Test
	void aPrefixWithGlobCharactersMatchesOnlyItself() {
		store("a*:" + this.prefix, ROOMY).apply("ns", new KvChange(Map.of("a", "1"), Set.of())).join();
		store("ab:" + this.prefix, ROOMY).apply("other", new KvChange(Map.of("a", "1"), Set.of())).join();

		assertThat(store("a*:" + this.prefix, ROOMY).namespaces().join()).containsExactly("ns");
	}

	@Test
	void twoConnectionsShareTheNamespaces() {
		KvStore one = store(this.prefix, ROOMY);
		KvStore two = store(this.prefix, ROOMY);
		one.apply("shared", new KvChange(Map.of("a", "1"), Set.of())).join();

		assertThat(two.snapshot("shared").join()).isEqualTo(Map.of("a", "1"));
		assertThat(two.versionedSnapshot("shared").join()).isEqualTo(one.versionedSnapshot("shared").join());
	}

	@Test
	void aLargeChangeIsAppliedInOneScript() {
		KvStore store = store(this.prefix, ROOMY);
		Map<String, String> entries = new HashMap<>();
		for (int i = 0; i < 9000; i++) {
			entries.put("key-" + i, "value-" + i);
		}
		store.apply("big", new KvChange(entries, Set.of())).join();
		assertThat(store.snapshot("big").join()).hasSize(9000).containsEntry("key-8999", "value-8999");
	}

	@Test
	void aPrefixWithBracesIsRefused() {
		ReactiveStringRedisTemplate template = this.connections.open(redis.server().port());
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisKvStore(template, "app{1}:", ROOMY, Duration.ofSeconds(2)))
			.withMessage("must not contain '{' or '}': the namespace between braces is the Redis Cluster hash tag "
					+ "of its keys");
	}

	private KvStore store(String prefix, KvLimits limits) {
		return new RedisKvStore(this.connections.open(redis.server().port()), prefix, limits, Duration.ofSeconds(5));
	}

}
