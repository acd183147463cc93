package dev.wasmworkers.sample;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example workers that use a TOML file: a KV counter shared by a C and a Rust worker,
 * per-key counters under concurrency, variables, and a mounted folder.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.path=workers", "WASM_WORKERS_SAMPLE_SECRET=from the Spring environment" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class ConfiguredWorkersHttpTests {

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@Test
	void aCAndARustWorkerShareTheirCounterNamespace() {
		int start = count("/counter");
		assertThat(count("/rust/counter")).isEqualTo(start + 1);
		assertThat(count("/counter")).isEqualTo(start + 2);
	}

	@Test
	void concurrentIncrementsOfDifferentKeysAreAllKept() {
		int keys = 8;
		int incrementsPerKey = 25;
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<String> answers = Flux.range(0, keys * incrementsPerKey)
			.flatMap((i) -> webClient.get().uri("/kv/key-" + (i % keys)).retrieve().bodyToMono(String.class), 16)
			.collectList()
			.block(Duration.ofMinutes(1));
		assertThat(answers).hasSize(keys * incrementsPerKey);
		IntStream.range(0, keys)
			.forEach((k) -> this.client.get()
				.uri("/kv/key-" + k)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.isEqualTo("key-" + k + " " + (incrementsPerKey + 1)));
	}

	@Test
	void deletingAKeyRemovesOnlyThatKey() {
		this.client.get().uri("/kv/kept").exchange().expectStatus().isOk();
		this.client.get().uri("/kv/gone").exchange().expectStatus().isOk();
		this.client.delete().uri("/kv/gone").exchange().expectStatus().isOk();
		this.client.get().uri("/kv/gone").exchange().expectBody(String.class).isEqualTo("gone 1");
		this.client.get().uri("/kv/kept").exchange().expectBody(String.class).isEqualTo("kept 2");
	}

	@Test
	void theCWorkerSeesItsVariablesAndNothingElseOfTheHostEnvironment() {
		JsonNode env = JsonResponses.get(this.client, "/vars");
		assertThat(env.get("GREETING").stringValue()).isEqualTo("Hello from vars");
		assertThat(env.get("FROM_HOST").stringValue()).isEqualTo("from the Spring environment");
		assertThat(env.propertyNames()).containsExactlyInAnyOrder("GREETING", "FROM_HOST");
	}

	@Test
	void theRustWorkerSeesItsVariablesAndNothingElseOfTheHostEnvironment() {
		JsonNode env = JsonResponses.get(this.client, "/rust/vars");
		assertThat(env.get("GREETING").stringValue()).isEqualTo("Hello from Rust vars");
		assertThat(env.propertyNames()).containsExactly("GREETING");
	}

	@Test
	void theCWorkerReadsAFileOfItsMountedFolder() {
		TextResponses.expectOkContaining(TextResponses.readFile(this.client, "/data/message.txt"),
				TextResponses.MOUNTED_FILE_TEXT);
	}

	@Test
	void theRustWorkerReadsAFileOfItsMountedFolder() {
		TextResponses.expectOkContaining(this.client.get().uri("/rust/files").exchange(),
				TextResponses.MOUNTED_FILE_TEXT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/data/../counter.toml", "/data/../../pom.xml", "/etc/passwd", "/pom.xml",
			"/data/../../../../../../etc/passwd" })
	void nothingOutsideTheMountIsReadable(String path) {
		TextResponses.readFile(this.client, path)
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value((body) -> assertThat(body).startsWith("cannot open"));
	}

	private int count(String path) {
		return Integer.parseInt(TextResponses.count(this.client, path).trim());
	}

}
