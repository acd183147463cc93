package dev.wasmworkers.kv.redis;

import java.nio.file.Path;

import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.testing.RedisCounterProject;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis KV store on a Redis 7 container whose connection Boot takes from
 * {@code @ServiceConnection}; skipped when no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.kv.store=redis")
@AutoConfigureWebTestClient(timeout = "PT60S")
class RedisKvContainerTests {

	private static final Path PROJECT = RedisCounterProject.create();

	@Autowired
	private WebTestClient client;

	@Autowired
	private KvStore kvStore;

	@DynamicPropertySource
	static void workers(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", PROJECT::toString);
	}

	@Test
	void theCounterCountsInTheContainersRedis() {
		assertThat(this.kvStore).isInstanceOf(RedisKvStore.class);
		for (int i = 1; i <= 3; i++) {
			this.client.get()
				.uri("/counter")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("count " + i);
		}
		assertThat(this.kvStore.snapshot("counter").join()).containsEntry("count", "3");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		@ServiceConnection(name = "redis")
		GenericContainer<?> redis() {
			return new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
		}

	}

}
