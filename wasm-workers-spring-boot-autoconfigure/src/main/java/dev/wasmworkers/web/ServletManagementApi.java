package dev.wasmworkers.web;

import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The read-only wws management API on Spring MVC; see {@link ManagementApi}.
 */
public final class ServletManagementApi {

	private ServletManagementApi() {
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
						.map(ServletManagementApi::ok)
						.orElseGet(() -> ServerResponse.status(HttpStatus.NOT_FOUND)
							.contentType(MediaType.APPLICATION_JSON)
							.body(ManagementApi.NOT_FOUND_BODY)))
			.build();
	}

	private static ServerResponse ok(Object body) {
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

}
