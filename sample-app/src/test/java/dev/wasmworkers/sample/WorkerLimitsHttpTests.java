package dev.wasmworkers.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.testing.Awaiting;
import dev.wasmworkers.worker.WorkerGates;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker's own {@code [limits]} table overrides the server-wide limits, on copies of
 * the test workers with a TOML file each; the server-wide limits are set far away so that
 * only the worker's own can explain each outcome.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.timeout=5m", "wasm.workers.max-memory=512MB", "wasm.workers.max-stdout=64MB",
				"wasm.workers.max-concurrency=4", "wasm.workers.max-concurrency-per-worker=1" })
@AutoConfigureWebTestClient(timeout = "PT20S")
class WorkerLimitsHttpTests {

	private static final Path PROJECT = createProject();

	@Autowired
	private WebTestClient client;

	@Autowired
	private WorkerGates gates;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", PROJECT::toString);
	}

	@Test
	void aWorkersOwnTimeoutStopsItsEndlessLoop() {
		this.client.get().uri("/short-timeout").exchange().expectStatus().isEqualTo(504);
	}

	@Test
	void aWorkersOwnMemoryCapBoundsItsAllocations() {
		this.client.get()
			.uri("/small-memory?then=report")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(Integer.parseInt(body.replaceAll("\\D", ""))).isBetween(1, 3));
	}

	@Test
	void aWorkersOwnOutputCapFailsALargerOutput() {
		this.client.get().uri("/small-output?kb=16").exchange().expectStatus().isOk();
		this.client.get().uri("/small-output?kb=128").exchange().expectStatus().isEqualTo(500);
	}

	@Test
	void aWorkersOwnConcurrencyLetsMoreOfItsRunsInFlight() {
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<CompletableFuture<ResponseEntity<Void>>> runs = List.of(slow(webClient), slow(webClient), slow(webClient));
		Awaiting.until(() -> this.gates.running() == 2 && this.gates.waiting() == 1);
		assertThat(runs).allSatisfy((run) -> assertThat(run.join().getStatusCode().value()).isEqualTo(200));
	}

	private CompletableFuture<ResponseEntity<Void>> slow(WebClient webClient) {
		return webClient.get().uri("/two-at-once?ms=1000").retrieve().toBodilessEntity().toFuture();
	}

	private static Path createProject() {
		try {
			Path project = Files.createTempDirectory("wasm-workers-limits");
			TestWorkers.copy("loop", project, "short-timeout", "[limits]\ntimeout = \"300ms\"\n");
			TestWorkers.copy("memory-bomb", project, "small-memory", "[limits]\nmax_memory = \"4MB\"\n");
			TestWorkers.copy("big-output", project, "small-output", "[limits]\nmax_stdout = \"64KB\"\n");
			TestWorkers.copy("slow", project, "two-at-once", "[limits]\nmax_concurrency = 2\n");
			return project;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
