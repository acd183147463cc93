package dev.wasmworkers.observation;

import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerGates;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the gauges of the worker executor and the catalog, and the counter of workers
 * that failed to load, which counts each failed worker of the catalog once per registry
 * it is bound to.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public final class WasmWorkersMeterBinder implements MeterBinder {

	/** Gauge of the runs executing on a worker thread now. */
	public static final String RUNS_ACTIVE = "wasm.workers.runs.active";

	/**
	 * Gauge of the runs waiting for a place, in the executor's queue or a worker's gate.
	 */
	public static final String RUNS_QUEUED = "wasm.workers.runs.queued";

	/** Gauge of the workers being served. */
	public static final String LOADED = "wasm.workers.loaded";

	/** Counter of the workers that failed to load. */
	public static final String LOAD_FAILURES = "wasm.workers.load.failures";

	private final WorkerCatalogHolder catalogs;

	private final WorkerExecutor executor;

	private final WorkerGates gates;

	/**
	 * Creates the binder.
	 * @param catalogs holds the catalog being served
	 * @param executor the executor the runs happen on
	 * @param gates the per-worker gates runs wait in
	 */
	public WasmWorkersMeterBinder(WorkerCatalogHolder catalogs, WorkerExecutor executor, WorkerGates gates) {
		this.catalogs = catalogs;
		this.executor = executor;
		this.gates = gates;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(RUNS_ACTIVE, this.executor, WorkerExecutor::running)
			.description("Worker runs executing on a worker thread now")
			.register(registry);
		Gauge.builder(RUNS_QUEUED, this, WasmWorkersMeterBinder::queued)
			.description("Worker runs waiting for a place in the executor's queue or a worker's gate")
			.strongReference(true)
			.register(registry);
		Gauge.builder(LOADED, this, (binder) -> binder.count(false))
			.description("Workers being served")
			.strongReference(true)
			.register(registry);
		Counter.builder(LOAD_FAILURES)
			.description("Workers that failed to load and answer the error page")
			.register(registry)
			.increment(count(true));
	}

	private double queued() {
		return this.executor.queued() + this.gates.waiting();
	}

	private double count(boolean failed) {
		return this.catalogs.current().workers().stream().filter((worker) -> isFailed(worker) == failed).count();
	}

	private static boolean isFailed(Worker worker) {
		return worker.failure().isPresent();
	}

}
