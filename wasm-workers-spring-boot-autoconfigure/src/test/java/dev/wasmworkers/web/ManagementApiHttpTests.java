package dev.wasmworkers.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

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
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wws management API through a real server port, switched on, in a project with a
 * root catch-all worker.
 */
class ManagementApiHttpTests extends ConfiguredProjectHttpTests {

	private static final ConfiguredProject PROJECT = ConfiguredProject.create(true);

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, serve(PROJECT),
			"wasm.workers.management-api.enabled=true");

	@Override
	protected StackServers servers() {
		return servers;
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void listHasTheWwsFieldsOfEveryWorker(WebStack stack) {
		JsonNode workers = get(stack, "/_api/v0/workers");
		assertThat(workers.isArray()).isTrue();
		assertThat(workers).hasSize(5);
		workers
			.forEach((worker) -> assertThat(Json.fieldNames(worker)).containsExactly("id", "name", "path", "filepath"));
		JsonNode configured = listed(stack, "configured.wasm");
		assertThat(configured.get("id").stringValue()).isEqualTo(sha256(PROJECT.root() + "/configured.wasm"));
		assertThat(configured.get("name").stringValue()).isEqualTo("configured");
		assertThat(configured.get("path").stringValue()).isEqualTo("/configured");
		assertThat(listed(stack, "users/[id].wasm").get("path").stringValue()).isEqualTo("/users/[id]");
		assertThat(listed(stack, "hello.wasm").get("name").stringValue()).isEqualTo("default");
		assertThat(listed(stack, "broken.wasm").get("path").stringValue()).isEqualTo("/broken");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void detailsHaveTheWwsFieldsWithVariableValuesMasked(WebStack stack) {
		String id = listed(stack, "configured.wasm").get("id").stringValue();
		String text = getString(stack, "/_api/v0/workers/" + id);
		assertThat(text).doesNotContain(ConfiguredProject.SECRET_VALUE)
			.doesNotContain(ConfiguredProject.GREETING_VALUE);
		JsonNode details = Json.parse(text);
		assertThat(Json.fieldNames(details)).containsExactly("id", "name", "version", "data", "folders", "vars");
		assertThat(details.get("id").stringValue()).isEqualTo(id);
		assertThat(details.get("name").stringValue()).isEqualTo("configured");
		assertThat(details.get("version").stringValue()).isEqualTo("2.1.0");
		assertThat(details.get("data").get("kv").stringValue()).isEqualTo(ConfiguredProject.NAMESPACE);
		assertThat(details.get("folders")).hasSize(1);
		assertThat(details.get("folders").get(0).get("from").stringValue())
			.isEqualTo(PROJECT.mountedFolder().toString());
		assertThat(details.get("folders").get(0).get("to").stringValue()).isEqualTo("/data");
		assertThat(Json.fieldNames(details.get("vars"))).containsExactly("GREETING", "SECRET_TOKEN");
		assertThat(details.get("vars").get("GREETING").stringValue()).isEqualTo("******");
		assertThat(details.get("vars").get("SECRET_TOKEN").stringValue()).isEqualTo("******");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void detailsOfAWorkerWithoutConfigurationHaveTheDefaults(WebStack stack) {
		JsonNode details = get(stack, "/_api/v0/workers/" + listed(stack, "hello.wasm").get("id").stringValue());
		assertThat(details.get("name").stringValue()).isEqualTo("default");
		assertThat(details.get("version").stringValue()).isEmpty();
		assertThat(details.get("data").get("kv").isNull()).isTrue();
		assertThat(details.get("folders")).isEmpty();
		assertThat(details.get("vars")).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void anUnknownIdIsNotFoundWithAJsonStringBody(WebStack stack) {
		client(stack).get()
			.uri("/_api/v0/workers/unknown")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.isEqualTo("\"{}\"");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theApiTakesPrecedenceOverACatchAllWorker(WebStack stack) {
		client(stack).get()
			.uri("/_api/v0/workers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		client(stack).get()
			.uri("/_api/v0/other")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("catch-all");
	}

	private JsonNode listed(WebStack stack, String file) {
		String filepath = PROJECT.root().resolve(file).toString();
		for (JsonNode worker : get(stack, "/_api/v0/workers")) {
			if (worker.get("filepath").stringValue().equals(filepath)) {
				return worker;
			}
		}
		throw new AssertionError("No worker " + filepath);
	}

	private static String sha256(String text) throws AssertionError {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
