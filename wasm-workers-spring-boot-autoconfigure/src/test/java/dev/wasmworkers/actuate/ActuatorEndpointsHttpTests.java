package dev.wasmworkers.actuate;

import java.util.Map;

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
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code wasmworkers} and {@code wasmkv} endpoints, the health indicator and the
 * management API through a real server port, with their default settings.
 */
class ActuatorEndpointsHttpTests extends ConfiguredProjectHttpTests {

	private static final ConfiguredProject PROJECT = ConfiguredProject.create(false);

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, serve(PROJECT),
			"management.endpoints.web.exposure.include=health,wasmworkers,wasmkv",
			"management.endpoint.health.show-details=always");

	@Override
	protected StackServers servers() {
		return servers;
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void workersEndpointListsEveryWorkerInRoutePriorityOrder(WebStack stack) {
		JsonNode body = get(stack, "/actuator/wasmworkers");
		assertThat(body.get("root").stringValue()).isEqualTo(PROJECT.root().toString());
		assertThat(body.get("prefix").stringValue()).isEmpty();
		assertThat(body.get("workers").findValuesAsString("file")).containsExactlyInAnyOrder("hello.wasm",
				"broken.wasm", "configured.wasm", "users/[id].wasm");
		assertThat(body.get("workers").get(3).get("file").stringValue()).isEqualTo("users/[id].wasm");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aServedWorkerHasItsRouteStateAndCompileTime(WebStack stack) {
		JsonNode hello = worker(stack, "hello.wasm");
		// Actuator leaves out what a worker does not have: no name, version, namespace or
		// failure here
		assertThat(Json.fieldNames(hello)).containsExactly("id", "file", "route", "pathTemplate", "routeKind", "kind",
				"mounts", "variables", "state", "compileTime");
		assertThat(hello.get("id").stringValue()).hasSize(64);
		assertThat(hello.get("route").stringValue()).isEqualTo("/hello");
		assertThat(hello.get("pathTemplate").stringValue()).isEqualTo("/hello");
		assertThat(hello.get("routeKind").stringValue()).isEqualTo("static");
		assertThat(hello.get("kind").stringValue()).isEqualTo("wasm");
		assertThat(hello.get("state").stringValue()).isEqualTo("served");
		assertThat(hello.get("compileTime").stringValue()).matches("PT[0-9.]+S");
		assertThat(hello.get("mounts")).isEmpty();
		assertThat(hello.get("variables")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aFailedWorkerHasTheReasonAndNoCompileTime(WebStack stack) {
		JsonNode broken = worker(stack, "broken.wasm");
		assertThat(broken.get("state").stringValue()).isEqualTo("failed");
		assertThat(broken.get("failure").stringValue()).contains("not a valid WebAssembly module");
		assertThat(broken.has("compileTime")).isFalse();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aConfiguredWorkerShowsItsConfigurationButNeverAVariableValue(WebStack stack) {
		String body = getString(stack, "/actuator/wasmworkers");
		assertThat(body).doesNotContain(ConfiguredProject.SECRET_VALUE)
			.doesNotContain(ConfiguredProject.GREETING_VALUE);
		JsonNode configured = worker(stack, "configured.wasm");
		assertThat(configured.get("name").stringValue()).isEqualTo("configured");
		assertThat(configured.get("version").stringValue()).isEqualTo("2.1.0");
		assertThat(configured.get("kvNamespace").stringValue()).isEqualTo(ConfiguredProject.NAMESPACE);
		assertThat(configured.get("mounts")).hasSize(1);
		assertThat(configured.get("mounts").get(0).get("from").stringValue())
			.isEqualTo(PROJECT.mountedFolder().toString());
		assertThat(configured.get("mounts").get(0).get("to").stringValue()).isEqualTo("/data");
		assertThat(Json.strings(configured.get("variables"))).containsExactly("GREETING", "SECRET_TOKEN");
		assertThat(configured.get("state").stringValue()).isEqualTo("served");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void oneWorkerIsSelectedByItsFileOrByItsId(WebStack stack) {
		JsonNode byFile = get(stack, "/actuator/wasmworkers/users/[id].wasm");
		assertThat(byFile.get("file").stringValue()).isEqualTo("users/[id].wasm");
		assertThat(byFile.get("route").stringValue()).isEqualTo("/users/[id]");
		assertThat(byFile.get("pathTemplate").stringValue()).isEqualTo("/users/{id}");
		assertThat(byFile.get("routeKind").stringValue()).isEqualTo("dynamic");
		JsonNode byId = get(stack, "/actuator/wasmworkers/" + byFile.get("id").stringValue());
		assertThat(byId).isEqualTo(byFile);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void anUnknownWorkerIsNotFound(WebStack stack) {
		client(stack).get().uri("/actuator/wasmworkers/nope.wasm").exchange().expectStatus().isNotFound();
		client(stack).get().uri("/actuator/wasmworkers/" + "0".repeat(64)).exchange().expectStatus().isNotFound();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void kvEndpointListsNamespacesWithTheirCountSizeAndWorkers(WebStack stack) {
		runConfiguredWorker(stack);
		JsonNode cache = get(stack, "/actuator/wasmkv").get("namespaces").get(ConfiguredProject.NAMESPACE);
		assertThat(cache.get("entries").intValue()).isEqualTo(2);
		// visits=1 and motto=héllo wörld in UTF-8: 6 + 1 + 5 + 13
		assertThat(cache.get("bytes").longValue()).isEqualTo(25);
		assertThat(Json.strings(cache.get("workers"))).containsExactly("configured.wasm");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void kvEndpointListsTheKeysOfANamespaceAndHidesTheirValuesByDefault(WebStack stack) {
		runConfiguredWorker(stack);
		String text = getString(stack, "/actuator/wasmkv/" + ConfiguredProject.NAMESPACE);
		assertThat(text).doesNotContain(ConfiguredProject.MOTTO);
		JsonNode body = Json.parse(text);
		assertThat(body.get("namespace").stringValue()).isEqualTo(ConfiguredProject.NAMESPACE);
		assertThat(body.get("entries").intValue()).isEqualTo(2);
		assertThat(body.get("bytes").longValue()).isEqualTo(25);
		assertThat(Json.fieldNames(body.get("keys"))).containsExactly("motto", "visits");
		assertThat(body.get("keys").get("motto").get("bytes").longValue()).isEqualTo(18);
		assertThat(body.get("keys").get("motto").get("value").stringValue()).isEqualTo("******");
		assertThat(body.get("keys").get("visits").get("value").stringValue()).isEqualTo("******");
		JsonNode entry = get(stack, "/actuator/wasmkv/" + ConfiguredProject.NAMESPACE + "/motto");
		assertThat(entry.get("key").stringValue()).isEqualTo("motto");
		assertThat(entry.get("bytes").longValue()).isEqualTo(18);
		assertThat(entry.get("value").stringValue()).isEqualTo("******");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void anUnknownNamespaceOrKeyIsNotFound(WebStack stack) {
		client(stack).get().uri("/actuator/wasmkv/nothing-here").exchange().expectStatus().isNotFound();
		client(stack).get()
			.uri("/actuator/wasmkv/" + ConfiguredProject.NAMESPACE + "/no-such-key")
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void kvWriteOperationsAreNotAvailableWithTheDefaultReadOnlyAccess(WebStack stack) {
		runConfiguredWorker(stack);
		client(stack).delete()
			.uri("/actuator/wasmkv/" + ConfiguredProject.NAMESPACE + "/motto")
			.exchange()
			.expectStatus()
			.isEqualTo(405);
		client(stack).delete()
			.uri("/actuator/wasmkv/" + ConfiguredProject.NAMESPACE)
			.exchange()
			.expectStatus()
			.isEqualTo(405);
		assertThat(kvStore(stack).snapshot(ConfiguredProject.NAMESPACE).join())
			.isEqualTo(Map.of("visits", "1", "motto", ConfiguredProject.MOTTO));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void healthIsUpAndListsTheFailedWorker(WebStack stack) {
		String text = getString(stack, "/actuator/health");
		assertThat(text).doesNotContain(ConfiguredProject.SECRET_VALUE);
		JsonNode health = Json.parse(text).get("components").get("wasmWorkers");
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.get("details").get("workers").intValue()).isEqualTo(4);
		assertThat(health.get("details").get("served").intValue()).isEqualTo(3);
		assertThat(Json.fieldNames(health.get("details").get("failed"))).containsExactly("broken.wasm");
		assertThat(health.get("details").get("failed").get("broken.wasm").stringValue())
			.contains("not a valid WebAssembly module");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void managementApiIsNotServedByDefault(WebStack stack) {
		client(stack).get()
			.uri("/_api/v0/workers")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.isEqualTo(ConfiguredProject.NOT_FOUND_PAGE);
	}

	private void runConfiguredWorker(WebStack stack) {
		client(stack).get().uri("/configured").exchange().expectStatus().isOk();
	}

	private JsonNode worker(WebStack stack, String file) {
		for (JsonNode worker : get(stack, "/actuator/wasmworkers").get("workers")) {
			if (worker.get("file").stringValue().equals(file)) {
				return worker;
			}
		}
		throw new AssertionError("No worker " + file);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
