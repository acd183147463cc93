package dev.wasmworkers.actuate;

import java.util.Map;
import java.util.Set;

import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.testing.ConfiguredProject;
import dev.wasmworkers.testing.ConfiguredProjectHttpTests;
import dev.wasmworkers.testing.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code wasmkv} endpoint with values shown and write access, the {@code wasmworkers}
 * endpoint with host paths shown, and the health indicator when a failed worker counts as
 * an error, through a real server port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,wasmworkers,wasmkv",
				"management.endpoint.health.show-details=always", "management.endpoint.wasmkv.show-values=always",
				"management.endpoint.wasmkv.access=unrestricted", "management.endpoint.wasmworkers.show-paths=always",
				"wasm.workers.health.fail-on-worker-error=true" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class ActuatorEndpointsOptionsHttpTests extends ConfiguredProjectHttpTests {

	private static final ConfiguredProject PROJECT = ConfiguredProject.create(false);

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		serve(PROJECT, registry);
	}

	@Test
	void hostPathsAreShownWhenShowPathsIsAlways() {
		JsonNode body = get("/actuator/wasmworkers");
		assertThat(body.get("root").stringValue()).isEqualTo(PROJECT.root().toString());
		JsonNode configured = get("/actuator/wasmworkers/configured.wasm");
		assertThat(configured.get("mounts").get(0).get("from").stringValue())
			.isEqualTo(PROJECT.mountedFolder().toString());
	}

	@Test
	void valuesAreShownWhenShowValuesIsAlways() {
		this.client.get().uri("/configured").exchange().expectStatus().isOk();
		JsonNode namespace = get("/actuator/wasmkv/" + ConfiguredProject.NAMESPACE);
		assertThat(namespace.get("keys").get("motto").get("value").stringValue()).isEqualTo(ConfiguredProject.MOTTO);
		assertThat(namespace.get("keys").get("visits").get("value").stringValue()).isEqualTo("1");
		JsonNode entry = get("/actuator/wasmkv/" + ConfiguredProject.NAMESPACE + "/motto");
		assertThat(entry.get("value").stringValue()).isEqualTo(ConfiguredProject.MOTTO);
	}

	@Test
	void sanitizingFunctionsStillApplyWhenValuesAreShown() {
		store("sanitized", Map.of("password", "hunter2", "plain", "visible"));
		JsonNode keys = get("/actuator/wasmkv/sanitized").get("keys");
		assertThat(keys.get("password").get("value").stringValue()).isEqualTo("******");
		assertThat(keys.get("plain").get("value").stringValue()).isEqualTo("visible");
	}

	@Test
	void deletingAKeyRemovesOnlyThatKey() {
		store("scratch", Map.of("a", "1", "b", "2"));
		JsonNode removal = delete("/actuator/wasmkv/scratch/a");
		assertThat(removal.get("namespace").stringValue()).isEqualTo("scratch");
		assertThat(removal.get("removed").intValue()).isEqualTo(1);
		assertThat(this.kvStore.snapshot("scratch").join()).isEqualTo(Map.of("b", "2"));
		assertThat(delete("/actuator/wasmkv/scratch/a").get("removed").intValue()).isZero();
	}

	@Test
	void clearingANamespaceRemovesEveryKey() {
		store("purge", Map.of("a", "1", "b", "2", "c", "3"));
		assertThat(delete("/actuator/wasmkv/purge").get("removed").intValue()).isEqualTo(3);
		assertThat(this.kvStore.snapshot("purge").join()).isEmpty();
		JsonNode purge = get("/actuator/wasmkv").get("namespaces").get("purge");
		assertThat(purge.get("entries").intValue()).isZero();
		assertThat(purge.get("bytes").longValue()).isZero();
	}

	@Test
	void deletingFromAnUnknownNamespaceRemovesNothingAndCreatesNothing() {
		assertThat(delete("/actuator/wasmkv/never-written/a").get("removed").intValue()).isZero();
		assertThat(delete("/actuator/wasmkv/never-written").get("removed").intValue()).isZero();
		assertThat(this.kvStore.namespaces().join()).doesNotContain("never-written");
	}

	@Test
	void healthIsDownWhenAWorkerFailedAndFailedWorkersCountAsAnError() {
		String text = this.client.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		JsonNode health = Json.parse(text).get("components").get("wasmWorkers");
		assertThat(health.get("status").stringValue()).isEqualTo("DOWN");
		assertThat(Json.fieldNames(health.get("details").get("failed"))).containsExactly("broken.wasm");
	}

	private void store(String namespace, Map<String, String> entries) {
		this.kvStore.apply(namespace, new KvChange(entries, Set.of())).join();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		SanitizingFunction passwordSanitizer() {
			return (data) -> "password".equals(data.getKey()) ? data.withSanitizedValue() : data;
		}

	}

}
