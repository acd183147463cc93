package dev.wasmworkers.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata generated at build time, which IDEs use to complete and
 * document properties.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribedInOneSentence() throws IOException {
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata().get("properties")) {
			String name = property.get("name").stringValue();
			names.add(name);
			assertThat(property.get("description")).as(name).isNotNull();
			String description = property.get("description").stringValue();
			assertThat(description).as(name).endsWith(".").doesNotStartWith("The ").doesNotStartWith("A ");
		}
		assertThat(names).contains("wasm.workers.path", "wasm.workers.prefix", "wasm.workers.ignore",
				"wasm.workers.cors.allowed-origins", "wasm.workers.relaxed-request-targets",
				"wasm.workers.max-concurrency", "wasm.workers.queue-capacity", "wasm.workers.timeout",
				"wasm.workers.max-memory", "wasm.workers.max-stdout", "wasm.workers.max-stderr",
				"wasm.workers.max-request-body", "wasm.workers.health.fail-on-worker-error",
				"wasm.workers.management-api.enabled", "management.endpoint.wasmkv.show-values",
				"management.endpoint.wasmkv.roles", "management.endpoint.wasmkv.access",
				"management.endpoint.wasmworkers.access", "management.health.wasmworkers.enabled",
				"wasm.workers.http.connect-timeout", "wasm.workers.http.read-timeout",
				"wasm.workers.http.max-response-body", "wasm.workers.kv.store", "wasm.workers.kv.on-conflict",
				"wasm.workers.kv.max-retries", "wasm.workers.kv.redis.key-prefix", "wasm.workers.kv.redis.timeout",
				"wasm.workers.watch", "wasm.workers.max-open-files", "wasm.workers.max-disk-write",
				"wasm.workers.compile-cache.enabled", "wasm.workers.compile-cache.path");
	}

	private static JsonNode metadata() throws IOException {
		try (InputStream in = ConfigurationMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("generated configuration metadata").isNotNull();
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
