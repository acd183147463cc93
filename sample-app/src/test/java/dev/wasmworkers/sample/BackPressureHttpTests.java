package dev.wasmworkers.sample;

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
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full queue answers 503 with Retry-After at once, instead of waiting or holding
 * memory.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.path=test-workers", "wasm.workers.queue-capacity=2",
				"wasm.workers.max-concurrency-per-worker=1" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class BackPressureHttpTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private WorkerGates gates;

	@LocalServerPort
	private int port;

	@Test
	void whenAWorkersQueueIsFullTheNextRequestGets503WithRetryAfter() {
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<CompletableFuture<ResponseEntity<Void>>> slow = List.of(slow(webClient), slow(webClient), slow(webClient));
		Awaiting.until(() -> this.gates.waiting() == 2);
		this.client.get()
			.uri("/slow?ms=10")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "1");
		this.client.get().uri("/healthy").exchange().expectStatus().isOk();
		assertThat(slow).allSatisfy((request) -> assertThat(request.join().getStatusCode().value()).isEqualTo(200));
	}

	private CompletableFuture<ResponseEntity<Void>> slow(WebClient webClient) {
		return webClient.get().uri("/slow?ms=1500").retrieve().toBodilessEntity().toFuture();
	}

}
