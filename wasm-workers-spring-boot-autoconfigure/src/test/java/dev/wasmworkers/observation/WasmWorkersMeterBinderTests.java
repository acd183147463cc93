package dev.wasmworkers.observation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.RunLimits;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkerLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersMeterBinderTests {

	private static final WorkerInput INPUT = new WorkerInput("http://localhost/", "GET", Map.of(), "", Map.of(),
			Map.of());

	@TempDir
	static Path root;

	private static WorkerCatalog catalog;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final WorkerExecutor executor = new WorkerExecutor(1, 1);

	private final WorkerGates gates = new WorkerGates(2, 1);

	private final List<CompletableFuture<HttpReply>> runs = new ArrayList<>();

	@BeforeAll
	static void loadWorkers() {
		WatWorkers.write(root, "ok.wasm", WatWorkers.answering("ok"));
		WatWorkers.write(root, "loop.wasm", WatWorkers.looping());
		WatWorkers.writeBytes(root, "broken.wasm", "not a module".getBytes());
		WatWorkers.write(root, "imports.wasm", WatWorkers.importingUnknown());
		catalog = WorkerCatalog.load(root, "", new WorkerDiscovery(Set.of("wasm")),
				new WorkerLoader(new WasmEngine(), new WorkerConfigReader((name) -> null)));
	}

	@AfterEach
	void stopRuns() {
		this.runs.forEach((run) -> run.cancel(true));
		this.executor.close();
	}

	@Test
	void loadedCountsServedWorkersAndLoadFailuresCountsFailedOnes() {
		new WasmWorkersMeterBinder(new WorkerCatalogHolder(catalog), this.executor, this.gates).bindTo(this.registry);
		assertThat(this.registry.get("wasm.workers.loaded").gauge().value()).isEqualTo(2);
		assertThat(this.registry.get("wasm.workers.load.failures").counter().count()).isEqualTo(2);
	}

	@Test
	void runGaugesAreZeroWhenIdle() {
		new WasmWorkersMeterBinder(new WorkerCatalogHolder(catalog), this.executor, this.gates).bindTo(this.registry);
		assertThat(this.registry.get("wasm.workers.runs.active").gauge().value()).isZero();
		assertThat(this.registry.get("wasm.workers.runs.queued").gauge().value()).isZero();
	}

	@Test
	void runGaugesFollowRunsOnThreadsInTheExecutorQueueAndInAGate() {
		new WasmWorkersMeterBinder(new WorkerCatalogHolder(catalog), this.executor, this.gates).bindTo(this.registry);
		WorkerInvoker invoker = new WorkerInvoker(this.executor, new WorkerProtocol(),
				new InMemoryKvStore(new KvLimits(100, 100_000)),
				new RunLimits(Duration.ofSeconds(30), 16, 1024 * 1024, 1024 * 1024), this.gates);
		this.runs.add(invoker.invoke(worker("loop.wasm"), INPUT));
		Awaitility.await().until(() -> gauge("wasm.workers.runs.active") == 1);
		assertThat(gauge("wasm.workers.runs.queued")).isZero();
		this.runs.add(invoker.invoke(worker("loop.wasm"), INPUT));
		assertThat(gauge("wasm.workers.runs.queued")).as("waiting in the executor's queue").isEqualTo(1);
		this.runs.add(invoker.invoke(worker("loop.wasm"), INPUT));
		assertThat(gauge("wasm.workers.runs.queued")).as("and in the worker's gate").isEqualTo(2);
		assertThat(gauge("wasm.workers.runs.active")).isEqualTo(1);
	}

	private double gauge(String name) {
		return this.registry.get(name).gauge().value();
	}

	private static Worker worker(String name) {
		return catalog.workers().stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

}
