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
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Hooks;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests through a real server port, and the timer, gauges and counter they leave in
 * the application's {@link SimpleMeterRegistry}.
 */
class WorkerObservationHttpTests {

	private static final Path WORKERS = createWorkers();

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + WORKERS,
			"wasm.workers.queue-capacity=0", "wasm.workers.max-concurrency-per-worker=1",
			"spring.reactor.context-propagation=auto");

	@AfterAll
	static void resetReactorHooks() {
		Hooks.disableAutomaticContextPropagation();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theApplicationRegistryIsASimpleMeterRegistry(WebStack stack) {
		assertThat(servers.bean(stack, MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void eachRunIsTimedWithItsRouteTemplateAndOutcome(WebStack stack) {
		double before = count(stack, "/users/[id]", "success");
		servers.client(stack).get().uri("/users/1").exchange().expectStatus().isOk();
		servers.client(stack).get().uri("/users/2").exchange().expectStatus().isOk();
		assertThat(count(stack, "/users/[id]", "success")).isEqualTo(before + 2);
		assertThat(servers.bean(stack, MeterRegistry.class)
			.get("wasm.worker.invocation")
			.tags("wasm.worker.route", "/users/[id]", "outcome", "success", "error", "none")
			.timer()
			.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isPositive();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aWorkerAnswering500ItselfIsTimedAsASuccess(WebStack stack) {
		servers.client(stack).get().uri("/own500").exchange().expectStatus().isEqualTo(500);
		assertThat(count(stack, "/own500", "success")).isEqualTo(1);
		assertThat(servers.bean(stack, MeterRegistry.class)
			.find("wasm.worker.invocation")
			.tags("wasm.worker.route", "/own500", "outcome", "error")
			.timer()).isNull();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aTrappingWorkerIsTimedAsAnError(WebStack stack) {
		servers.client(stack).get().uri("/trap").exchange().expectStatus().isEqualTo(500);
		assertThat(servers.bean(stack, MeterRegistry.class)
			.get("wasm.worker.invocation")
			.tags("wasm.worker.route", "/trap", "outcome", "error", "error", "WorkerRunFailedException")
			.timer()
			.count()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void whileAnEndlessLoopRunsItIsActiveFurtherRunsOfItAreRejectedAndThenItTimesOut(WebStack stack) {
		WebClient webClient = WebClient.create("http://localhost:" + servers.port(stack));
		CompletableFuture<ResponseEntity<Void>> looping = webClient.get()
			.uri("/loop")
			.retrieve()
			.toBodilessEntity()
			.onErrorResume(WebClientResponseException.class,
					(ex) -> reactor.core.publisher.Mono.just(ResponseEntity.status(ex.getStatusCode()).build()))
			.toFuture();
		Awaitility.await().until(() -> gauge(stack, "wasm.workers.runs.active") == 1);
		assertThat(gauge(stack, "wasm.workers.runs.queued")).isZero();
		assertThat(servers.bean(stack, MeterRegistry.class)
			.get("wasm.worker.invocation.active")
			.tags("wasm.worker.route", "/loop")
			.longTaskTimer()
			.activeTasks()).isEqualTo(1);
		servers.client(stack)
			.get()
			.uri("/loop")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "1");
		assertThat(count(stack, "/loop", "rejected")).isEqualTo(1);
		assertThat(looping.join().getStatusCode().value()).isEqualTo(504);
		assertThat(count(stack, "/loop", "timeout")).isEqualTo(1);
		Awaitility.await().until(() -> gauge(stack, "wasm.workers.runs.active") == 0);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void servedAndFailedWorkersAreCounted(WebStack stack) {
		assertThat(gauge(stack, "wasm.workers.loaded")).isEqualTo(4);
		assertThat(servers.bean(stack, MeterRegistry.class).get("wasm.workers.load.failures").counter().count())
			.isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void withAutomaticContextPropagationTheHttpServerObservationIsTheParent(WebStack stack) {
		servers.bean(stack, RecordingHandler.class).contexts.clear();
		servers.client(stack).get().uri("/users/3").exchange().expectStatus().isOk();
		assertThat(servers.bean(stack, RecordingHandler.class).contexts).singleElement().satisfies((context) -> {
			assertThat(context.getParentObservation()).isNotNull();
			assertThat(context.getParentObservation().getContextView().getName()).isEqualTo("http.server.requests");
		});
	}

	private double count(WebStack stack, String route, String outcome) {
		Timer timer = servers.bean(stack, MeterRegistry.class)
			.find("wasm.worker.invocation")
			.tags("wasm.worker.route", route, "outcome", outcome)
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

	private double gauge(WebStack stack, String name) {
		return servers.bean(stack, MeterRegistry.class).get(name).gauge().value();
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
