package dev.wasmworkers.kv.redis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.LocalRedis;
import dev.wasmworkers.testing.RedisCounterProject;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workers on the Redis KV store through a real server port on every web stack and a real
 * {@code redis-server}: the counter, the {@code wasmkv} endpoint, and an outage.
 */
class RedisKvHttpTests {

	private static final Path PROJECT = RedisCounterProject.create();

	@RegisterExtension
	@Order(1)
	static final LocalRedis redis = new LocalRedis();

	@RegisterExtension
	@Order(2)
	static final StackServers servers = new StackServers(TestApplication.class,
			() -> List.of("wasm.workers.path=" + PROJECT, "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.server().port(), "wasm.workers.kv.store=redis",
					"wasm.workers.kv.redis.key-prefix=http-tests:", "wasm.workers.kv.redis.timeout=1s",
					"spring.data.redis.timeout=1s", "spring.data.redis.connect-timeout=1s",
					"management.endpoints.web.exposure.include=health,wasmkv",
					"management.endpoint.health.show-details=always", "management.endpoint.wasmkv.show-values=always",
					"management.endpoint.wasmkv.access=unrestricted", "management.health.redis.enabled=true"));

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theCounterCountsInARedisHashUnderTheKeyPrefix(WebStack stack) {
		WebTestClient client = servers.client(stack);
		assertThat(servers.bean(stack, KvStore.class)).isInstanceOf(RedisKvStore.class);
		redis.server().command("DEL", "http-tests:kv:{counter}");
		assertThat(text(client, "/counter")).isEqualTo("count 1");
		assertThat(text(client, "/counter")).isEqualTo("count 2");
		assertThat(redis.server().command("HGET", "http-tests:kv:{counter}", "count")).isEqualTo("2");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theWasmKvEndpointListsShowsAndDeletesOnRedis(WebStack stack) {
		WebTestClient client = servers.client(stack);
		text(client, "/counter");
		JsonNode namespaces = get(client, "/actuator/wasmkv").get("namespaces");
		assertThat(namespaces.get("counter").get("entries").intValue()).isEqualTo(1);
		assertThat(namespaces.get("counter").get("workers").get(0).stringValue()).isEqualTo("counter.wasm");
		String count = redis.server().command("HGET", "http-tests:kv:{counter}", "count");
		assertThat(get(client, "/actuator/wasmkv/counter/count").get("value").stringValue()).isEqualTo(count);

		JsonNode removal = Json.parse(client.delete()
			.uri("/actuator/wasmkv/counter/count")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());

		assertThat(removal.get("removed").intValue()).isEqualTo(1);
		assertThat(redis.server().command("HEXISTS", "http-tests:kv:{counter}", "count")).isEqualTo(":0");
		assertThat(text(client, "/counter")).isEqualTo("count 1");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void whenRedisStopsThenKvWorkersAnswer503WithRetryAfterOthersKeepAnsweringAndHealthSaysSo(WebStack stack)
			throws InterruptedException {
		WebTestClient client = servers.client(stack);
		text(client, "/counter");
		redis.server().stop();
		try {
			for (int i = 0; i < 5; i++) {
				client.get()
					.uri("/counter")
					.exchange()
					.expectStatus()
					.isEqualTo(503)
					.expectHeader()
					.valueEquals("Retry-After", "1")
					.expectBody(String.class)
					.value((body) -> assertThat(body).startsWith("KV store unavailable, retry later"));
				assertThat(text(client, "/hello")).isEqualTo("hello");
			}
			JsonNode health = Json.parse(client.get()
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
		for (WebStack each : WebStack.values()) {
			awaitCounter(servers.client(each), Duration.ofSeconds(60));
		}
		JsonNode health = get(client, "/actuator/health");
		assertThat(health.get("components").get("redis").get("status").stringValue()).isEqualTo("UP");
	}

	private static void awaitCounter(WebTestClient client, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (client.get().uri("/counter").exchange().returnResult(String.class).getStatus().value() != 200) {
			assertThat(System.nanoTime()).as("answering again within " + timeout).isLessThan(deadline);
			Thread.sleep(200);
		}
	}

	private static String text(WebTestClient client, String uri) {
		return client.get()
			.uri(uri)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static JsonNode get(WebTestClient client, String uri) {
		return Json.parse(text(client, uri));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
