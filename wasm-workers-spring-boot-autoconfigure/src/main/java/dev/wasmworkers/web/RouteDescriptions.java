package dev.wasmworkers.web;

import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;

/**
 * How the routes of the workers are described in {@code /actuator/mappings}, on both web
 * stacks.
 */
final class RouteDescriptions {

	private RouteDescriptions() {
	}

	static String worker(Worker worker) {
		return "Wasm worker " + worker.name() + " (route " + worker.route().path()
				+ (worker.failure().isPresent() ? ", failed: answers 500)" : ")");
	}

	static String publicFolder(WorkerCatalog catalog) {
		return "Wasm workers public folder " + catalog.root().resolve("public")
				+ " (its files, then 404.html for unmatched paths)";
	}

}
