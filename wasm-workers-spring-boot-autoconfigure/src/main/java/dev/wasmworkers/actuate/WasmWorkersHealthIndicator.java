package dev.wasmworkers.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wasmworkers.execution.StuckRun;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for the workers: how many are served, why the others cannot run
 * (or, once reloaded, why their new version failed while the previous one is still
 * served), and whether runs are stuck.
 * <p>
 * A failed worker only answers 500 on its own route, so by default the indicator stays UP
 * and lists it in its details; it reports DOWN instead when failed workers are configured
 * to count as an error. A run still going more than {@link WorkerExecutor#STOP_GRACE}
 * after its deadline is stuck (it ignores its interrupt); stuck runs are listed, and the
 * indicator is DOWN, with the reason, when every run slot ({@code max-concurrency}) holds
 * one, since no request can run until one returns. The check costs almost nothing.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public class WasmWorkersHealthIndicator implements HealthIndicator {

	private final WorkerCatalogHolder catalogs;

	private final WorkerExecutor executor;

	private final boolean failOnWorkerError;

	/**
	 * Creates the indicator.
	 * @param catalogs holds the catalog being served
	 * @param executor the threads the workers run on
	 * @param failOnWorkerError whether a failed worker makes the indicator DOWN
	 */
	public WasmWorkersHealthIndicator(WorkerCatalogHolder catalogs, WorkerExecutor executor,
			boolean failOnWorkerError) {
		this.catalogs = catalogs;
		this.executor = executor;
		this.failOnWorkerError = failOnWorkerError;
	}

	@Override
	public Health health() {
		List<Worker> workers = this.catalogs.current().workers();
		Map<String, String> failed = new LinkedHashMap<>();
		for (Worker worker : workers) {
			worker.problem().ifPresent((problem) -> failed.put(worker.name(), problem));
		}
		List<StuckRun> stuck = this.executor.stuck();
		boolean allStuck = stuck.size() >= this.executor.threads();
		Health.Builder builder = (allStuck || (this.failOnWorkerError && !failed.isEmpty())) ? Health.down()
				: Health.up();
		if (allStuck) {
			builder.withDetail("reason", "all " + this.executor.threads()
					+ " run slots (max-concurrency) are held by runs that passed their deadline and do not stop;"
					+ " no request can run until one returns");
		}
		builder.withDetail("workers", workers.size())
			.withDetail("served", (int) workers.stream().filter((worker) -> worker.program().isPresent()).count())
			.withDetail("failed", failed);
		if (!stuck.isEmpty()) {
			builder.withDetail("stuck", stuck.stream().map(StuckRun::toString).toList());
		}
		return builder.build();
	}

}
