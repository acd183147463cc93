package dev.wasmworkers.sample;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.testing.Awaiting;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerGates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Misbehaving workers built from workers/ against a server with the default concurrency
 * settings: each misbehaviour gets its status, the server keeps answering a healthy
 * worker, and nothing is left running.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.path=test-workers", "wasm.workers.timeout=2s", "wasm.workers.max-memory=16MB",
				"wasm.workers.max-stdout=1MB" })
@AutoConfigureWebTestClient(timeout = "PT60S")
@ExtendWith(OutputCaptureExtension.class)
class IsolationHttpTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private WorkerExecutor executor;

	@Autowired
	private WorkerGates gates;

	@Autowired
	private WorkerCatalogHolder catalogs;

	@LocalServerPort
	private int port;

	@AfterEach
	void nothingIsLeftRunning() {
		Awaiting.until(() -> this.executor.running() == 0 && this.executor.queued() == 0 && this.gates.waiting() == 0);
		healthyAnswers();
	}

	@Test
	void anEndlessLoopGets504WithAShortMessageAndFreesItsThread(CapturedOutput output) {
		TextResponses.expectWorkerTimedOut(this.client, "/loop");
		assertThat(output).contains("Worker loop.wasm at route /loop timed out after 2s");
	}

	@Test
	void whileThreeEndlessLoopsAreInFlightAHealthyWorkerStillAnswers() {
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<CompletableFuture<ResponseEntity<String>>> loops = List.of(loop(webClient), loop(webClient),
				loop(webClient));
		Awaiting.until(() -> this.executor.running() == 1 && this.gates.waiting() == 2);
		for (int i = 0; i < 10; i++) {
			healthyAnswers();
		}
		assertThat(loops).as("the loops are still in flight while the healthy worker answered")
			.anyMatch((loop) -> !loop.isDone());
		// The deadline counts from arrival: the loop that ran gets 504, and the two that
		// waited behind it in its worker's queue are answered at their own deadline too,
		// with 503 if they never got a thread, not after a run of their own each.
		List<ResponseEntity<String>> answers = loops.stream().map(CompletableFuture::join).toList();
		assertThat(answers).extracting((answer) -> answer.getStatusCode().value())
			.contains(504)
			.allMatch((status) -> status == 503 || status == 504);
		assertThat(answers).filteredOn((answer) -> answer.getStatusCode().value() == 503)
			.allSatisfy((answer) -> assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1"));
	}

	@Test
	void aBurstOfRequestsToAFastWorkerAllSucceed() {
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<HttpStatusCode> statuses = Flux.range(0, 48)
			.flatMap((i) -> webClient.get().uri("/healthy").retrieve().toBodilessEntity(), 48)
			.map(ResponseEntity::getStatusCode)
			.collectList()
			.block(Duration.ofMinutes(1));
		assertThat(statuses).hasSize(48).allMatch(HttpStatusCode::is2xxSuccessful);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/memory-bomb", "/stdout-flood", "/trap", "/exit1", "/big-output?kb=2048",
			"/memory-bomb?then=exit", "/huge-memory" })
	void aMisbehavingWorkerGetsTheErrorPage(String path) {
		TextResponses.expectErrorPage(this.client, path);
	}

	@Test
	void aWorkerDeclaringMoreInitialMemoryThanItsCapFailsToLoadNamingBothSizes() {
		Worker hugeMemory = this.catalogs.current()
			.workers()
			.stream()
			.filter((worker) -> worker.name().equals("huge-memory.wasm"))
			.findFirst()
			.orElseThrow();
		assertThat(hugeMemory.failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.contains("its initial memory of 15000 pages (64 KiB each) is more than its memory cap of 256 pages"));
	}

	@Test
	void aComponentOtherThanAPreview1CommandIsRefusedAndItsRouteAnswersTheErrorPage() {
		TextResponses.expectErrorPage(this.client, "/reactor-component");
		JsonNode worker = JsonResponses.ok(this.client.get()
			.uri("/actuator/wasmworkers/reactor-component.wasm")
			.accept(MediaType.APPLICATION_JSON));
		assertThat(worker.get("state").stringValue()).isEqualTo("failed");
		assertThat(worker.get("failure").stringValue())
			.contains("is a WebAssembly component that wraps a WASI preview1 module without _start")
			.contains("only components that wrap a WASI preview1 command module with the preview1 command adapter");
	}

	@Test
	void aWorkerCannotAllocateMoreThanTheMemoryCap() {
		this.client.get()
			.uri("/memory-bomb?then=report")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> {
				assertThat(body).startsWith("allocated ");
				int mebibytes = Integer.parseInt(body.replaceAll("\\D", ""));
				assertThat(mebibytes).isBetween(1, 15);
			});
	}

	@Test
	void outputUnderTheCapIsServed() {
		this.client.get()
			.uri("/big-output?kb=200")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).hasSize(200 * 1024));
	}

	@Test
	void aStderrFloodIsTruncatedForTheLogAndTheRunSucceeds() {
		this.client.get().uri("/stderr-flood").exchange().expectStatus().isOk();
	}

	@Test
	void noHostFileIsVisible() {
		JsonNode results = JsonResponses.get(this.client, "/host-files");
		assertThat(results.propertyNames()).contains("/etc/passwd", "/proc/self/environ", "/");
		results.properties()
			.forEach((entry) -> assertThat(entry.getValue().stringValue()).as(entry.getKey()).startsWith("error"));
	}

	@Test
	void noHostEnvironmentVariableIsVisible() {
		assertThat(JsonResponses.get(this.client, "/environment").isEmpty()).isTrue();
		assertThat(System.getenv()).isNotEmpty();
	}

	private CompletableFuture<ResponseEntity<String>> loop(WebClient webClient) {
		return webClient.get().uri("/loop").exchangeToMono((response) -> response.toEntity(String.class)).toFuture();
	}

	private void healthyAnswers() {
		this.client.get().uri("/healthy").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
	}

}
