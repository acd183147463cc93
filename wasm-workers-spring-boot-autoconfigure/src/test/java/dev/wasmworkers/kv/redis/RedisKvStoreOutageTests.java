package dev.wasmworkers.kv.redis;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvSnapshot;
import dev.wasmworkers.kv.KvStoreUnavailableException;
import dev.wasmworkers.testing.LocalRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link RedisKvStore} when Redis stops, hangs and comes back, on a real
 * {@code redis-server}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisKvStoreOutageTests {

	private static final KvLimits LIMITS = new KvLimits(100, 10_000);

	@RegisterExtension
	static final LocalRedis redis = new LocalRedis();

	private final RedisConnections connections = new RedisConnections();

	@AfterEach
	void restoreRedis() {
		this.connections.close();
		if (!"+PONG".equals(ping())) {
			redis.server().startAgain();
		}
	}

	@Test
	void whenRedisStopsThenCallsFailAsUnavailableAtOnceUntilItIsBackAndBothAreLoggedOnce(CapturedOutput output)
			throws Exception {
		RedisKvStore store = store(Duration.ofSeconds(5));
		store.apply("ns", new KvChange(Map.of("a", "1"), Set.of())).join();

		redis.server().stop();
		assertThat(unavailable(store.versionedSnapshot("ns"))).hasMessageStartingWith("the Redis KV store");
		for (int i = 0; i < 20; i++) {
			CompletableFuture<KvSnapshot> refused = store.versionedSnapshot("ns");
			assertThat(refused).as("refused without waiting for Redis").isCompletedExceptionally();
			assertThat(unavailable(refused)).hasMessage("the Redis KV store is unavailable");
		}
		assertThat(unavailable(store.apply("ns", new KvChange(Map.of("a", "2"), Set.of())))).isNotNull();

		redis.server().startAgain();
		KvSnapshot snapshot = awaitSnapshot(store);
		// the restarted server has no persistence: the namespace is empty again
		assertThat(snapshot.entries()).isEmpty();
		store.apply("ns", new KvChange(Map.of("a", "3"), Set.of())).join();
		assertThat(store.snapshot("ns").join()).isEqualTo(Map.of("a", "3"));
		assertThat(output.getAll().split("Redis KV store unavailable", -1)).hasSize(2);
		assertThat(output.getAll().split("Redis KV store available again", -1)).hasSize(2);
	}

	@Test
	void whenRedisDoesNotAnswerInTimeThenTheCallFailsAsUnavailable() {
		ReactiveStringRedisTemplate connection = this.connections.open(redis.server().port());
		// connected, and the scripts loaded, within a roomy timeout first
		new RedisKvStore(connection, "outage:", LIMITS, Duration.ofSeconds(10)).snapshot("ns").join();
		RedisKvStore store = new RedisKvStore(connection, "outage:", LIMITS, Duration.ofMillis(300));
		store.apply("ns", new KvChange(Map.of("a", "1"), Set.of())).join();

		assertThat(redis.server().command("CLIENT", "PAUSE", "2000")).isEqualTo("+OK");
		assertThat(unavailable(store.versionedSnapshot("ns")))
			.hasMessage("the Redis KV store did not answer within 300 ms");
	}

	private RedisKvStore store(Duration timeout) {
		return new RedisKvStore(this.connections.open(redis.server().port()), "outage:", LIMITS, timeout);
	}

	private static KvSnapshot awaitSnapshot(RedisKvStore store) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		while (true) {
			CompletableFuture<KvSnapshot> snapshot = store.versionedSnapshot("ns");
			if (catchThrowable(snapshot::join) == null) {
				return snapshot.join();
			}
			assertThat(System.nanoTime()).as("Redis back within 60 s").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private static Throwable unavailable(CompletableFuture<?> call) {
		Throwable[] cause = new Throwable[1];
		assertThatExceptionOfType(CompletionException.class).isThrownBy(call::join)
			.withCauseInstanceOf(KvStoreUnavailableException.class)
			.satisfies((ex) -> cause[0] = ex.getCause());
		return cause[0];
	}

	private static String ping() {
		try {
			return redis.server().command("PING");
		}
		catch (RuntimeException ex) {
			return ex.toString();
		}
	}

}
