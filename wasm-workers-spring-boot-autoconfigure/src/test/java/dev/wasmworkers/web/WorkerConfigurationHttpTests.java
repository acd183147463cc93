package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Worker TOML files and the KV write-back, through a real server port on every web stack,
 * on workers written in WAT.
 */
class WorkerConfigurationHttpTests {

	private static final Path WORKERS = createWorkers();

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + WORKERS,
			"wasm.workers.kv.max-entries=2");

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aSuccessfulRunWritesItsKvChangesAndAFailedRunChangesNothing(WebStack stack) {
		servers.client(stack).get().uri("/kv/writer").exchange().expectStatus().isOk();
		assertThat(servers.bean(stack, KvStore.class).snapshot("shared").join()).isEqualTo(Map.of("a", "1", "b", "2"));
		servers.client(stack).get().uri("/kv/trapping").exchange().expectStatus().isEqualTo(500);
		servers.client(stack).get().uri("/kv/invalid").exchange().expectStatus().isEqualTo(500);
		assertThat(servers.bean(stack, KvStore.class).snapshot("shared").join()).isEqualTo(Map.of("a", "1", "b", "2"));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aRunPastTheKvEntriesLimitGets507AndChangesNothing(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/kv/toobig")
			.exchange()
			.expectStatus()
			.isEqualTo(507)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("limited").contains("wasm.workers.kv.max-entries"));
		assertThat(servers.bean(stack, KvStore.class).snapshot("limited").join()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aWorkerWithABrokenConfigurationAnswers500AndTheOthersAreServed(WebStack stack) {
		servers.client(stack).get().uri("/config/broken").exchange().expectStatus().isEqualTo(500);
		servers.client(stack).get().uri("/config/badtype").exchange().expectStatus().isEqualTo(500);
		servers.client(stack).get().uri("/config/nofolder").exchange().expectStatus().isEqualTo(500);
		servers.client(stack).get().uri("/config/version").exchange().expectStatus().isOk();
		assertThat(failure(stack, "config/broken.wasm")).contains("broken.toml:1");
		assertThat(failure(stack, "config/badtype.wasm")).contains("badtype.toml:2").contains("data.kv.namespace");
		assertThat(failure(stack, "config/nofolder.wasm")).contains("missing-folder");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aNumericVersionIsOnlyMetadata(WebStack stack) {
		assertThat(worker(stack, "config/version.wasm").config().name()).hasValue("versioned");
	}

	private String failure(WebStack stack, String name) {
		return worker(stack, name).failure().orElseThrow();
	}

	private Worker worker(WebStack stack, String name) {
		return servers.bean(stack, WorkerCatalogHolder.class)
			.current()
			.workers()
			.stream()
			.filter((w) -> w.name().equals(name))
			.findFirst()
			.orElseThrow();
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
