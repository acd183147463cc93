package dev.wasmworkers.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.wasmworkers.testing.Awaiting;
import dev.wasmworkers.testing.LocalRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the sample app on different ports sharing one real
 * {@code redis-server} (the {@code redis} profile), as two replicas behind a load
 * balancer, with the real counter workers: {@code kv/[key].wasm} (Rust, one counter per
 * key, last writer wins per key) and {@code counter.wasm} (C, one shared counter, with
 * {@code on_conflict = "retry"}).
 */
class ReplicasHttpTests {

	private static final int KEYS = 20;

	private static final int INCREMENTS_PER_REPLICA = 32;

	@RegisterExtension
	static final LocalRedis redis = new LocalRedis();

	@TempDir
	static Path workers;

	private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private static final List<URI> baseUris = new ArrayList<>();

	private static final ExecutorService clients = Executors.newFixedThreadPool(2 * INCREMENTS_PER_REPLICA);

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@BeforeAll
	static void startTwoReplicas() throws IOException {
		Files.createDirectories(workers.resolve("kv"));
		Files.copy(Path.of("workers/kv/[key].wasm"), workers.resolve("kv/[key].wasm"));
		Files.writeString(workers.resolve("kv/[key].toml"), """
				[data.kv]
				namespace = "keys"
				""");
		Files.copy(Path.of("workers/counter.wasm"), workers.resolve("counter.wasm"));
		Files.writeString(workers.resolve("counter.toml"), """
				[data.kv]
				namespace = "shared"
				on_conflict = "retry"
				""");
		Files.copy(Path.of("workers/hello.wasm"), workers.resolve("hello.wasm"));
		for (int i = 0; i < 2; i++) {
			ConfigurableApplicationContext replica = new SpringApplicationBuilder(SampleApplication.class).run(
					"--server.port=0", "--spring.profiles.active=redis", "--wasm.workers.path=" + workers,
					"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redis.server().port(),
					"--wasm.workers.kv.max-retries=1000", "--wasm.workers.kv.redis.timeout=1s");
			replicas.add(replica);
			baseUris.add(URI.create("http://127.0.0.1:" + replica.getEnvironment().getProperty("local.server.port")));
		}
	}

	@AfterAll
	static void stopReplicas() {
		clients.shutdownNow();
		replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void incrementsOfDifferentKeysThroughBothReplicasAllCount() {
		// every key is incremented 2 x 32 times, alternately through each replica, and
		// all
		// the keys at the same time: changes of different keys never overwrite each other
		List<CompletableFuture<List<Integer>>> keys = new ArrayList<>();
		for (int key = 0; key < KEYS; key++) {
			String path = "/kv/key-" + key;
			keys.add(CompletableFuture.supplyAsync(() -> {
				List<Integer> statuses = new ArrayList<>();
				for (int i = 0; i < 2 * INCREMENTS_PER_REPLICA; i++) {
					statuses.add(send(baseUris.get(i % 2), path).statusCode());
				}
				return statuses;
			}, clients));
		}
		keys.forEach((statuses) -> assertThat(statuses.join()).containsOnly(200));
		for (int key = 0; key < KEYS; key++) {
			assertThat(redis.server().command("HGET", "wasm-workers:kv:{keys}", "key-" + key))
				.isEqualTo(Integer.toString(2 * INCREMENTS_PER_REPLICA));
		}
	}

	@Test
	void concurrentIncrementsOfOneKeyThroughBothReplicasAllCountWithRetry() {
		List<CompletableFuture<HttpResponse<String>>> increments = new ArrayList<>();
		for (int i = 0; i < 2 * INCREMENTS_PER_REPLICA; i++) {
			URI replica = baseUris.get(i % 2);
			increments.add(CompletableFuture.supplyAsync(() -> send(replica, "/counter"), clients));
		}
		List<String> counts = new ArrayList<>();
		for (CompletableFuture<HttpResponse<String>> increment : increments) {
			HttpResponse<String> response = increment.join();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			counts.add(response.body());
		}
		assertThat(redis.server().command("HGET", "wasm-workers:kv:{shared}", "count"))
			.isEqualTo(Integer.toString(2 * INCREMENTS_PER_REPLICA));
		// each run that was stored saw every earlier increment: every count is answered
		// once
		assertThat(counts).doesNotHaveDuplicates().hasSize(2 * INCREMENTS_PER_REPLICA);
	}

	@Test
	void whenRedisStopsThenKvWorkersAnswer503UntilItIsBackOnBothReplicas() {
		for (URI replica : baseUris) {
			assertThat(send(replica, "/kv/outage").statusCode()).isEqualTo(200);
		}
		redis.server().stop();
		try {
			for (URI replica : baseUris) {
				for (int i = 0; i < 3; i++) {
					HttpResponse<String> refused = send(replica, "/kv/outage");
					assertThat(refused.statusCode()).isEqualTo(503);
					assertThat(refused.headers().firstValue("retry-after")).contains("1");
					assertThat(send(replica, "/hello").statusCode()).isEqualTo(200);
				}
			}
		}
		finally {
			redis.server().startAgain();
		}
		for (URI replica : baseUris) {
			Awaiting.until(() -> send(replica, "/kv/outage").statusCode() == 200);
		}
	}

	private static HttpResponse<String> send(URI replica, String path) {
		try {
			return http.send(HttpRequest.newBuilder(replica.resolve(path)).timeout(Duration.ofSeconds(60)).build(),
					BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + path + " on " + replica + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
