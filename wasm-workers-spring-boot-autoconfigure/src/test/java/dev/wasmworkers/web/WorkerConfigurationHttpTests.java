package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import org.junit.jupiter.api.Test;

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
 * Worker TOML files and the KV write-back, through a real server port, on workers written
 * in WAT.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.kv.max-entries=2")
@AutoConfigureWebTestClient(timeout = "PT30S")
class WorkerConfigurationHttpTests {

	private static final Path WORKERS = createWorkers();

	@Autowired
	private WebTestClient client;

	@Autowired
	private KvStore kvStore;

	@Autowired
	private WorkerCatalog catalog;

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", WORKERS::toString);
	}

	@Test
	void aSuccessfulRunWritesItsKvChangesAndAFailedRunChangesNothing() {
		this.client.get().uri("/kv/writer").exchange().expectStatus().isOk();
		assertThat(this.kvStore.snapshot("shared").join()).isEqualTo(Map.of("a", "1", "b", "2"));
		this.client.get().uri("/kv/trapping").exchange().expectStatus().isEqualTo(500);
		this.client.get().uri("/kv/invalid").exchange().expectStatus().isEqualTo(500);
		assertThat(this.kvStore.snapshot("shared").join()).isEqualTo(Map.of("a", "1", "b", "2"));
	}

	@Test
	void aRunPastTheKvEntriesLimitGets507AndChangesNothing() {
		this.client.get()
			.uri("/kv/toobig")
			.exchange()
			.expectStatus()
			.isEqualTo(507)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("limited").contains("wasm.workers.kv.max-entries"));
		assertThat(this.kvStore.snapshot("limited").join()).isEmpty();
	}

	@Test
	void aWorkerWithABrokenConfigurationAnswers500AndTheOthersAreServed() {
		this.client.get().uri("/config/broken").exchange().expectStatus().isEqualTo(500);
		this.client.get().uri("/config/badtype").exchange().expectStatus().isEqualTo(500);
		this.client.get().uri("/config/nofolder").exchange().expectStatus().isEqualTo(500);
		this.client.get().uri("/config/version").exchange().expectStatus().isOk();
		assertThat(failure("config/broken.wasm")).contains("broken.toml:1");
		assertThat(failure("config/badtype.wasm")).contains("badtype.toml:2").contains("data.kv.namespace");
		assertThat(failure("config/nofolder.wasm")).contains("missing-folder");
	}

	@Test
	void aNumericVersionIsOnlyMetadata() {
		assertThat(worker("config/version.wasm").config().name()).hasValue("versioned");
	}

	private String failure(String name) {
		return worker(name).failure().orElseThrow();
	}

	private Worker worker(String name) {
		return this.catalog.workers().stream().filter((w) -> w.name().equals(name)).findFirst().orElseThrow();
	}

	private static Path createWorkers() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-config");
			String kvOutput = "{\"data\":\"\",\"headers\":{},\"status\":200,\"kv\":%s}";
			worker(root, "kv/writer", WatWorkers.printing(kvOutput.formatted("{\"a\":\"1\",\"b\":\"2\"}")),
					"[data.kv]\nnamespace = \"shared\"\n");
			worker(root, "kv/trapping", WatWorkers.printingThenTrapping(kvOutput.formatted("{}")),
					"[data.kv]\nnamespace = \"shared\"\n");
			worker(root, "kv/invalid", WatWorkers.printing("{\"data\":\"\",\"headers\":{},\"status\":200,\"kv\":[]}"),
					"[data.kv]\nnamespace = \"shared\"\n");
			worker(root, "kv/toobig", WatWorkers.printing(kvOutput.formatted("{\"x\":\"1\",\"y\":\"2\",\"z\":\"3\"}")),
					"[data.kv]\nnamespace = \"limited\"\n");
			worker(root, "config/broken", WatWorkers.answering("broken"), "name = nope\n");
			worker(root, "config/badtype", WatWorkers.answering("badtype"), "[data.kv]\nnamespace = 5\n");
			worker(root, "config/nofolder", WatWorkers.answering("nofolder"),
					"[[folders]]\nfrom = \"./missing-folder\"\nto = \"/data\"\n");
			worker(root, "config/version", WatWorkers.answering("version"), "name = \"versioned\"\nversion = 1\n");
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void worker(Path root, String route, String wat, String toml) throws IOException {
		WatWorkers.write(root, route + ".wasm", wat);
		Files.writeString(root.resolve(route + ".toml"), toml);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
