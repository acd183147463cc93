package dev.wasmworkers.observation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wasmworkers.testing.WatWorkers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Hooks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests through a real server port, and the timer, gauges and counter they leave in
 * the application's {@link SimpleMeterRegistry}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.queue-capacity=0", "wasm.workers.max-concurrency-per-worker=1",
				"spring.reactor.context-propagation=auto" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class WorkerObservationHttpTests {

	private static final Path WORKERS = createWorkers();

	@Autowired
	private WebTestClient client;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private RecordingHandler handler;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", WORKERS::toString);
	}

	@AfterAll
	static void resetReactorHooks() {
		Hooks.disableAutomaticContextPropagation();
	}

	@Test
	void theApplicationRegistryIsASimpleMeterRegistry() {
		assertThat(this.meterRegistry).isInstanceOf(SimpleMeterRegistry.class);
	}

	@Test
	void eachRunIsTimedWithItsRouteTemplateAndOutcome() {
		double before = count("/users/[id]", "success");
		this.client.get().uri("/users/1").exchange().expectStatus().isOk();
		this.client.get().uri("/users/2").exchange().expectStatus().isOk();
		assertThat(count("/users/[id]", "success")).isEqualTo(before + 2);
		assertThat(this.meterRegistry.get("wasm.worker.invocation")
			.tags("wasm.worker.route", "/users/[id]", "outcome", "success", "error", "none")
			.timer()
			.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
	}

	@Test
	void aWorkerAnswering500ItselfIsTimedAsASuccess() {
		this.client.get().uri("/own500").exchange().expectStatus().isEqualTo(500);
		assertThat(count("/own500", "success")).isEqualTo(1);
		assertThat(this.meterRegistry.find("wasm.worker.invocation")
			.tags("wasm.worker.route", "/own500", "outcome", "error")
			.timer()).isNull();
	}

	@Test
	void aTrappingWorkerIsTimedAsAnError() {
		this.client.get().uri("/trap").exchange().expectStatus().isEqualTo(500);
		assertThat(this.meterRegistry.get("wasm.worker.invocation")
			.tags("wasm.worker.route", "/trap", "outcome", "error", "error", "WorkerRunFailedException")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void whileAnEndlessLoopRunsItIsActiveFurtherRunsOfItAreRejectedAndThenItTimesOut() {
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		CompletableFuture<ResponseEntity<Void>> looping = webClient.get()
			.uri("/loop")
			.retrieve()
			.toBodilessEntity()
			.onErrorResume(WebClientResponseException.class,
					(ex) -> reactor.core.publisher.Mono.just(ResponseEntity.status(ex.getStatusCode()).build()))
			.toFuture();
		Awaitility.await().until(() -> gauge("wasm.workers.runs.active") == 1);
		assertThat(gauge("wasm.workers.runs.queued")).isZero();
		assertThat(this.meterRegistry.get("wasm.worker.invocation.active")
			.tags("wasm.worker.route", "/loop")
			.longTaskTimer()
			.activeTasks()).isEqualTo(1);
		this.client.get().uri("/loop").exchange().expectStatus().isEqualTo(503);
		assertThat(count("/loop", "rejected")).isEqualTo(1);
		assertThat(looping.join().getStatusCode().value()).isEqualTo(504);
		assertThat(count("/loop", "timeout")).isEqualTo(1);
		Awaitility.await().until(() -> gauge("wasm.workers.runs.active") == 0);
	}

	@Test
	void servedAndFailedWorkersAreCounted() {
		assertThat(gauge("wasm.workers.loaded")).isEqualTo(4);
		assertThat(this.meterRegistry.get("wasm.workers.load.failures").counter().count()).isEqualTo(2);
	}

	@Test
	void withAutomaticContextPropagationTheHttpServerObservationIsTheParent() {
		this.handler.contexts.clear();
		this.client.get().uri("/users/3").exchange().expectStatus().isOk();
		assertThat(this.handler.contexts).singleElement().satisfies((context) -> {
			assertThat(context.getParentObservation()).isNotNull();
			assertThat(context.getParentObservation().getContextView().getName()).isEqualTo("http.server.requests");
		});
	}

	private double count(String route, String outcome) {
		Timer timer = this.meterRegistry.find("wasm.worker.invocation")
			.tags("wasm.worker.route", route, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double gauge(String name) {
		return this.meterRegistry.get(name).gauge().value();
	}

	private static Path createWorkers() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-observation");
			WatWorkers.write(root, "users/[id].wasm", WatWorkers.answering("user"));
			WatWorkers.write(root, "own500.wasm",
					WatWorkers.printing("{\"data\":\"mine\",\"headers\":{},\"status\":500,\"kv\":{}}"));
			WatWorkers.write(root, "trap.wasm", WatWorkers.trapping());
			WatWorkers.write(root, "loop.wasm", WatWorkers.looping());
			Files.writeString(root.resolve("loop.toml"), "[limits]\ntimeout = \"1s\"\n");
			WatWorkers.writeBytes(root, "broken.wasm", "not a module".getBytes());
			WatWorkers.write(root, "imports.wasm", WatWorkers.importingUnknown());
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Keeps the context of every worker invocation observation. */
	static class RecordingHandler implements ObservationHandler<WasmWorkerInvocationContext> {

		final List<WasmWorkerInvocationContext> contexts = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(WasmWorkerInvocationContext context) {
			this.contexts.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof WasmWorkerInvocationContext;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RecordingHandler recordingHandler() {
			return new RecordingHandler();
		}

	}

}
