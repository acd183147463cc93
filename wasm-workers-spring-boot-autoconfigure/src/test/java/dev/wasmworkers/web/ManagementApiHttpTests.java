package dev.wasmworkers.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import dev.wasmworkers.testing.ConfiguredProject;
import dev.wasmworkers.testing.ConfiguredProjectHttpTests;
import dev.wasmworkers.testing.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wws management API through a real server port, switched on, in a project with a
 * root catch-all worker.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.management-api.enabled=true")
@AutoConfigureWebTestClient(timeout = "PT30S")
class ManagementApiHttpTests extends ConfiguredProjectHttpTests {

	private static final ConfiguredProject PROJECT = ConfiguredProject.create(true);

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		serve(PROJECT, registry);
	}

	@Test
	void listHasTheWwsFieldsOfEveryWorker() {
		JsonNode workers = get("/_api/v0/workers");
		assertThat(workers.isArray()).isTrue();
		assertThat(workers).hasSize(5);
		workers
			.forEach((worker) -> assertThat(Json.fieldNames(worker)).containsExactly("id", "name", "path", "filepath"));
		JsonNode configured = listed("configured.wasm");
		assertThat(configured.get("id").stringValue()).isEqualTo(sha256(PROJECT.root() + "/configured.wasm"));
		assertThat(configured.get("name").stringValue()).isEqualTo("configured");
		assertThat(configured.get("path").stringValue()).isEqualTo("/configured");
		assertThat(listed("users/[id].wasm").get("path").stringValue()).isEqualTo("/users/[id]");
		assertThat(listed("hello.wasm").get("name").stringValue()).isEqualTo("default");
		assertThat(listed("broken.wasm").get("path").stringValue()).isEqualTo("/broken");
	}

	@Test
	void detailsHaveTheWwsFieldsWithVariableValuesMasked() {
		String id = listed("configured.wasm").get("id").stringValue();
		String text = getString("/_api/v0/workers/" + id);
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

	@Test
	void detailsOfAWorkerWithoutConfigurationHaveTheDefaults() {
		JsonNode details = get("/_api/v0/workers/" + listed("hello.wasm").get("id").stringValue());
		assertThat(details.get("name").stringValue()).isEqualTo("default");
		assertThat(details.get("version").stringValue()).isEmpty();
		assertThat(details.get("data").get("kv").isNull()).isTrue();
		assertThat(details.get("folders")).isEmpty();
		assertThat(details.get("vars")).isEmpty();
	}

	@Test
	void anUnknownIdIsNotFoundWithAJsonStringBody() {
		this.client.get()
			.uri("/_api/v0/workers/unknown")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.isEqualTo("\"{}\"");
	}

	@Test
	void theApiTakesPrecedenceOverACatchAllWorker() {
		this.client.get()
			.uri("/_api/v0/workers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON);
		this.client.get()
			.uri("/_api/v0/other")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("catch-all");
	}

	private JsonNode listed(String file) {
		String filepath = PROJECT.root().resolve(file).toString();
		for (JsonNode worker : get("/_api/v0/workers")) {
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
