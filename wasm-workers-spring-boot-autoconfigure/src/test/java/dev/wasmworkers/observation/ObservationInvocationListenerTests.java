package dev.wasmworkers.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.execution.WorkerRejectedException;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.RunLimits;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkerLoader;
import dev.wasmworkers.worker.WorkerRunFailedException;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One {@code wasm.worker.invocation} observation per invocation of a real WAT worker,
 * with the outcome the invoker reports.
 */
class ObservationInvocationListenerTests {

	private static final WorkerInput INPUT = new WorkerInput("http://localhost/", "GET", Map.of(), "", Map.of(),
			Map.of());

	@TempDir
	static Path root;

	private static WorkerCatalog catalog;

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private WorkerExecutor executor;

	@BeforeAll
	static void loadWorkers() {
		WatWorkers.write(root, "users/[id].wasm", WatWorkers.answering("user"));
		WatWorkers.write(root, "own500.wasm",
				WatWorkers.printing("{\"data\":\"mine\",\"headers\":{},\"status\":500,\"kv\":{}}"));
		WatWorkers.write(root, "trap.wasm", WatWorkers.trapping());
		WatWorkers.write(root, "loop.wasm", WatWorkers.looping());
		WatWorkers.writeBytes(root, "broken.wasm", "not a module".getBytes());
		catalog = WorkerCatalog.load(root, "", new WorkerDiscovery(Set.of("wasm")),
				new WorkerLoader(new WasmEngine(), new WorkerConfigReader((name) -> null)));
	}

	@AfterEach
	void closeExecutor() {
		if (this.executor != null) {
			this.executor.close();
		}
	}

	@Test
	void aWorkerThatAnswersIsObservedOnceAsASuccess() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5), null).invoke(worker("users/[id].wasm"), INPUT).join();
		assertThat(reply.status()).isEqualTo(200);
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("wasm.worker.invocation", 1)
			.hasSingleObservationThat()
			.hasNameEqualTo("wasm.worker.invocation")
			.hasContextualNameEqualTo("wasm worker /users/[id]")
			.hasLowCardinalityKeyValue("wasm.worker.route", "/users/[id]")
			.hasLowCardinalityKeyValue("outcome", "success")
			.hasHighCardinalityKeyValue("wasm.worker.file", "users/[id].wasm")
			.doesNotHaveError()
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void aWorkerAnswering500ItselfIsASuccess() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5), null).invoke(worker("own500.wasm"), INPUT).join();
		assertThat(reply.status()).isEqualTo(500);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "success")
			.doesNotHaveError()
			.hasBeenStopped();
	}

	@Test
	void aTrappingWorkerIsAnError() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5), null).invoke(worker("trap.wasm"), INPUT).join();
		assertThat(reply.status()).isEqualTo(500);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(WorkerRunFailedException.class)
			.hasMessageContaining("trap.wasm");
	}

	@Test
	void aWorkerThatFailedToLoadIsAnError() {
		invoker(4, 4, 4, Duration.ofSeconds(5), null).invoke(worker("broken.wasm"), INPUT).join();
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("wasm.worker.route", "/broken")
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasBeenStopped();
	}

	@Test
	void anEndlessLoopPastItsDeadlineIsATimeout() {
		CompletableFuture<HttpReply> reply = invoker(4, 4, 4, Duration.ofMillis(200), null).invoke(worker("loop.wasm"),
				INPUT);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(reply::join)
			.withCauseInstanceOf(WorkerTimeoutException.class);
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "timeout")
			.hasBeenStopped()
			.assertThatError()
			.isInstanceOf(WorkerTimeoutException.class);
	}

	@Test
	void aRunRefusedWhileTheOnlyPlaceOfItsWorkerIsTakenIsRejected() {
		WorkerInvoker invoker = invoker(4, 4, 1, Duration.ofSeconds(30), null);
		CompletableFuture<HttpReply> blocked = invoker.invoke(worker("loop.wasm"), INPUT);
		Awaitility.await().until(() -> this.executor.running() == 1);
		CompletableFuture<HttpReply> refused = invoker.invoke(worker("loop.wasm"), INPUT);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(refused::join)
			.withCauseInstanceOf(WorkerRejectedException.class);
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("wasm.worker.invocation", 2)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("outcome", "rejected")
				.assertThatError()
				.isInstanceOf(WorkerRejectedException.class));
		blocked.cancel(true);
		assertThat(this.registry).hasAnObservation(
				(observation) -> observation.hasLowCardinalityKeyValue("outcome", "cancelled").doesNotHaveError());
	}

	@Test
	void aRunRefusedByAnExecutorWithoutQueueIsRejected() {
		WorkerInvoker invoker = invoker(1, 0, 4, Duration.ofSeconds(30), null);
		CompletableFuture<HttpReply> blocked = invoker.invoke(worker("loop.wasm"), INPUT);
		CompletableFuture<HttpReply> refused = invoker.invoke(worker("users/[id].wasm"), INPUT);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(refused::join)
			.withCauseInstanceOf(WorkerRejectedException.class);
		assertThat(this.registry)
			.hasAnObservation((observation) -> observation.hasLowCardinalityKeyValue("wasm.worker.route", "/users/[id]")
				.hasLowCardinalityKeyValue("outcome", "rejected"));
		blocked.cancel(true);
	}

	@Test
	void theObservationIsCurrentOnTheWorkerThreadWhileTheWorkerRuns() {
		List<String> scopeThreads = new CopyOnWriteArrayList<>();
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onScopeOpened(Observation.Context context) {
				scopeThreads.add(Thread.currentThread().getName());
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof WasmWorkerInvocationContext;
			}

		});
		invoker(4, 4, 4, Duration.ofSeconds(5), null).invoke(worker("users/[id].wasm"), INPUT).join();
		assertThat(scopeThreads).singleElement().asString().startsWith("wasm-worker-");
	}

	@Test
	void theCurrentObservationOfTheCallerIsTheParent() {
		Observation parent = Observation.start("http.server.requests", this.registry);
		try (Observation.Scope scope = parent.openScope()) {
			invoker(4, 4, 4, Duration.ofSeconds(5), null).invoke(worker("users/[id].wasm"), INPUT).join();
		}
		parent.stop();
		assertThat(this.registry).hasObservationWithNameEqualTo("wasm.worker.invocation")
			.that()
			.hasParentObservationEqualTo(parent);
	}

	@Test
	void aCustomConventionReplacesTheDefault() {
		WasmWorkerInvocationConvention custom = new DefaultWasmWorkerInvocationConvention() {

			@Override
			public String getName() {
				return "custom.invocation";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(WasmWorkerInvocationContext context) {
				return super.getLowCardinalityKeyValues(context).and("method", context.getInput().method());
			}

		};
		invoker(4, 4, 4, Duration.ofSeconds(5), custom).invoke(worker("users/[id].wasm"), INPUT).join();
		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("custom.invocation")
			.hasLowCardinalityKeyValue("method", "GET")
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	private WorkerInvoker invoker(int threads, int queue, int perWorker, Duration timeout,
			WasmWorkerInvocationConvention convention) {
		this.executor = new WorkerExecutor(threads, queue);
		return new WorkerInvoker(this.executor, new WorkerProtocol(), new InMemoryKvStore(new KvLimits(100, 100_000)),
				new RunLimits(timeout, 16, 1024 * 1024, 1024 * 1024), new WorkerGates(perWorker, 0),
				new ObservationInvocationListener(this.registry, convention));
	}

	private static Worker worker(String name) {
		return catalog.workers().stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

}
