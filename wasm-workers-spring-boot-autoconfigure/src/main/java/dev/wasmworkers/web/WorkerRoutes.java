package dev.wasmworkers.web;

import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerInvoker;
import reactor.core.publisher.Mono;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Builds the WebFlux routes of a worker catalog: one route per worker, in wws priority
 * order.
 */
public final class WorkerRoutes {

	private WorkerRoutes() {
	}

	/**
	 * Creates one route per worker, each matching exactly the requests wws would send to
	 * that worker.
	 * @param catalog the workers
	 * @param invoker runs a worker for a request
	 * @param maxRequestBody the largest request body accepted before a 413
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(WorkerCatalog catalog, WorkerInvoker invoker,
			DataSize maxRequestBody) {
		WorkerHandler handler = new WorkerHandler(catalog, invoker, (int) maxRequestBody.toBytes());
		RouterFunction<ServerResponse> routes = (request) -> Mono.empty();
		for (Worker worker : catalog.workers()) {
			routes = routes.and(RouterFunctions.route(new WorkerRequestPredicate(catalog, worker), handler));
		}
		return routes;
	}

}
