package dev.wasmworkers.web;

import dev.wasmworkers.worker.WorkerCatalogHolder;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The read-only wws management API on WebFlux; see {@link ManagementApi}.
 */
public final class ReactiveManagementApi {

	private ReactiveManagementApi() {
	}

	/**
	 * Creates the routes of the management API for the catalog being served; they are not
	 * prefixed with the worker route prefix.
	 * @param catalogs holds the catalog being served
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(WorkerCatalogHolder catalogs) {
		return RouterFunctions.route()
			.GET(ManagementApi.WORKERS_PATH, (request) -> ok(ManagementApi.list(catalogs.current())))
			.GET(ManagementApi.WORKER_PATH,
					(request) -> ManagementApi.details(catalogs.current(), request.pathVariable("id"))
						.map(ReactiveManagementApi::ok)
						.orElseGet(() -> ServerResponse.status(HttpStatus.NOT_FOUND)
							.contentType(MediaType.APPLICATION_JSON)
							.bodyValue(ManagementApi.NOT_FOUND_BODY)))
			.build();
	}

	private static Mono<ServerResponse> ok(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(body);
	}

}
