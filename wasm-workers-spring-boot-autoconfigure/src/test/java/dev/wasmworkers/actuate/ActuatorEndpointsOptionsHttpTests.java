package dev.wasmworkers.actuate;

import java.util.Map;
import java.util.Set;

import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.testing.ConfiguredProject;
import dev.wasmworkers.testing.ConfiguredProjectHttpTests;
import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code wasmkv} endpoint with values shown and write access, and the health
 * indicator when a failed worker counts as an error, through a real server port.
 */
class ActuatorEndpointsOptionsHttpTests extends ConfiguredProjectHttpTests {

	private static final ConfiguredProject PROJECT = ConfiguredProject.create(false);

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, serve(PROJECT),
			"management.endpoints.web.exposure.include=health,wasmworkers,wasmkv",
			"management.endpoint.health.show-details=always", "management.endpoint.wasmkv.show-values=always",
			"management.endpoint.wasmkv.access=unrestricted", "wasm.workers.health.fail-on-worker-error=true");

	@Override
	protected StackServers servers() {
		return servers;
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void valuesAreShownWhenShowValuesIsAlways(WebStack stack) {
		client(stack).get().uri("/configured").exchange().expectStatus().isOk();
		JsonNode namespace = get(stack, "/actuator/wasmkv/" + ConfiguredProject.NAMESPACE);
		assertThat(namespace.get("keys").get("motto").get("value").stringValue()).isEqualTo(ConfiguredProject.MOTTO);
		assertThat(namespace.get("keys").get("visits").get("value").stringValue()).isEqualTo("1");
		JsonNode entry = get(stack, "/actuator/wasmkv/" + ConfiguredProject.NAMESPACE + "/motto");
		assertThat(entry.get("value").stringValue()).isEqualTo(ConfiguredProject.MOTTO);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void sanitizingFunctionsStillApplyWhenValuesAreShown(WebStack stack) {
		store(stack, "sanitized", Map.of("password", "hunter2", "plain", "visible"));
		JsonNode keys = get(stack, "/actuator/wasmkv/sanitized").get("keys");
		assertThat(keys.get("password").get("value").stringValue()).isEqualTo("******");
		assertThat(keys.get("plain").get("value").stringValue()).isEqualTo("visible");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void deletingAKeyRemovesOnlyThatKey(WebStack stack) {
		store(stack, "scratch", Map.of("a", "1", "b", "2"));
		JsonNode removal = delete(stack, "/actuator/wasmkv/scratch/a");
		assertThat(removal.get("namespace").stringValue()).isEqualTo("scratch");
		assertThat(removal.get("removed").intValue()).isEqualTo(1);
		assertThat(kvStore(stack).snapshot("scratch").join()).isEqualTo(Map.of("b", "2"));
		assertThat(delete(stack, "/actuator/wasmkv/scratch/a").get("removed").intValue()).isZero();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void clearingANamespaceRemovesEveryKey(WebStack stack) {
		store(stack, "purge", Map.of("a", "1", "b", "2", "c", "3"));
		assertThat(delete(stack, "/actuator/wasmkv/purge").get("removed").intValue()).isEqualTo(3);
		assertThat(kvStore(stack).snapshot("purge").join()).isEmpty();
		JsonNode purge = get(stack, "/actuator/wasmkv").get("namespaces").get("purge");
		assertThat(purge.get("entries").intValue()).isZero();
		assertThat(purge.get("bytes").longValue()).isZero();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void deletingFromAnUnknownNamespaceRemovesNothingAndCreatesNothing(WebStack stack) {
		assertThat(delete(stack, "/actuator/wasmkv/never-written/a").get("removed").intValue()).isZero();
		assertThat(delete(stack, "/actuator/wasmkv/never-written").get("removed").intValue()).isZero();
		assertThat(kvStore(stack).namespaces().join()).doesNotContain("never-written");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void healthIsDownWhenAWorkerFailedAndFailedWorkersCountAsAnError(WebStack stack) {
		String text = client(stack).get()
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

	private void store(WebStack stack, String namespace, Map<String, String> entries) {
		kvStore(stack).apply(namespace, new KvChange(entries, Set.of())).join();
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
