package dev.wasmworkers.kv.redis;

import java.nio.file.Path;
import java.time.Duration;

import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.LocalRedis;
import dev.wasmworkers.testing.RedisCounterProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers on the Redis KV store through a real server port and a real
 * {@code redis-server}: the counter, the {@code wasmkv} endpoint, and an outage.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.kv.store=redis", "wasm.workers.kv.redis.key-prefix=http-tests:",
				"wasm.workers.kv.redis.timeout=1s", "spring.data.redis.timeout=1s",
				"spring.data.redis.connect-timeout=1s", "management.endpoints.web.exposure.include=health,wasmkv",
				"management.endpoint.health.show-details=always", "management.endpoint.wasmkv.show-values=always",
				"management.endpoint.wasmkv.access=unrestricted", "management.health.redis.enabled=true" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class RedisKvHttpTests {

	private static final Path PROJECT = RedisCounterProject.create();

	@RegisterExtension
	static final LocalRedis redis = new LocalRedis();

	@Autowired
	private WebTestClient client;

	@Autowired
	private KvStore kvStore;

	@DynamicPropertySource
	static void redisAndWorkers(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", PROJECT::toString);
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> redis.server().port());
	}

	@Test
	void theCounterCountsInARedisHashUnderTheKeyPrefix() {
		assertThat(this.kvStore).isInstanceOf(RedisKvStore.class);
		redis.server().command("DEL", "http-tests:kv:{counter}");
		assertThat(text("/counter")).isEqualTo("count 1");
		assertThat(text("/counter")).isEqualTo("count 2");
		assertThat(redis.server().command("HGET", "http-tests:kv:{counter}", "count")).isEqualTo("2");
	}

	@Test
	void theWasmKvEndpointListsShowsAndDeletesOnRedis() {
		text("/counter");
		JsonNode namespaces = get("/actuator/wasmkv").get("namespaces");
		assertThat(namespaces.get("counter").get("entries").intValue()).isEqualTo(1);
		assertThat(namespaces.get("counter").get("workers").get(0).stringValue()).isEqualTo("counter.wasm");
		String count = redis.server().command("HGET", "http-tests:kv:{counter}", "count");
		assertThat(get("/actuator/wasmkv/counter/count").get("value").stringValue()).isEqualTo(count);

		JsonNode removal = Json.parse(this.client.delete()
			.uri("/actuator/wasmkv/counter/count")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());

		assertThat(removal.get("removed").intValue()).isEqualTo(1);
		assertThat(redis.server().command("HEXISTS", "http-tests:kv:{counter}", "count")).isEqualTo(":0");
		assertThat(text("/counter")).isEqualTo("count 1");
	}

	@Test
	void whenRedisStopsThenKvWorkersAnswer503WithRetryAfterOthersKeepAnsweringAndHealthSaysSo()
			throws InterruptedException {
		text("/counter");
		redis.server().stop();
		try {
			for (int i = 0; i < 5; i++) {
				this.client.get()
					.uri("/counter")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.valueEquals("Retry-After", "1")
					.expectBody(String.class)
					.value((body) -> assertThat(body).startsWith("KV store unavailable, retry later"));
				assertThat(text("/hello")).isEqualTo("hello");
			}
			JsonNode health = Json.parse(this.client.get()
				.uri("/actuator/health")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
			assertThat(health.get("components").get("redis").get("status").stringValue()).isEqualTo("DOWN");
		}
		finally {
			redis.server().startAgain();
		}
		awaitCounter(Duration.ofSeconds(60));
		JsonNode health = get("/actuator/health");
		assertThat(health.get("components").get("redis").get("status").stringValue()).isEqualTo("UP");
	}

	private void awaitCounter(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.client.get().uri("/counter").exchange().returnResult(String.class).getStatus().value() != 200) {
			assertThat(System.nanoTime()).as("answering again within " + timeout).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private String text(String uri) {
		return this.client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private JsonNode get(String uri) {
		return Json.parse(text(uri));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
