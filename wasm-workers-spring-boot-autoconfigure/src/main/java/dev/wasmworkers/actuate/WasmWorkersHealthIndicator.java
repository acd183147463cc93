package dev.wasmworkers.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@link HealthIndicator} for the workers: how many are served and why the others cannot
 * run.
 * <p>
 * A failed worker only answers 500 on its own route, so by default the indicator stays UP
 * and lists it in its details; it reports DOWN instead when failed workers are configured
 * to count as an error. The workers are loaded once at start-up, so the check costs
 * nothing.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public class WasmWorkersHealthIndicator implements HealthIndicator {

	private final WorkerCatalogHolder catalogs;

	private final boolean failOnWorkerError;

	/**
	 * Creates the indicator.
	 * @param catalogs holds the catalog being served
	 * @param failOnWorkerError whether a failed worker makes the indicator DOWN
	 */
	public WasmWorkersHealthIndicator(WorkerCatalogHolder catalogs, boolean failOnWorkerError) {
		this.catalogs = catalogs;
		this.failOnWorkerError = failOnWorkerError;
	}

	@Override
	public Health health() {
		List<Worker> workers = this.catalogs.current().workers();
		Map<String, String> failed = new LinkedHashMap<>();
		for (Worker worker : workers) {
			worker.failure().ifPresent((reason) -> failed.put(worker.name(), reason));
		}
		Health.Builder builder = (this.failOnWorkerError && !failed.isEmpty()) ? Health.down() : Health.up();
		return builder.withDetail("workers", workers.size())
			.withDetail("served", workers.size() - failed.size())
			.withDetail("failed", failed)
			.build();
	}

}
