package dev.wasmworkers.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The read-only wws management API (wws §9): {@code GET /_api/v0/workers} and {@code GET
 * /_api/v0/workers/{id}}, with the fields wws returns.
 * <p>
 * Differences from wws: variables are listed by name with every value masked as
 * {@code ******} (wws shows resolved values, secrets included), a folder's {@code from}
 * is the resolved host folder, and a worker without a version has {@code ""}.
 */
public final class ManagementApiRoutes {

	/** The path of the list of workers; a worker's details are below it. */
	public static final String WORKERS_PATH = "/_api/v0/workers";

	static final String MASKED_VALUE = "******";

	private static final String DEFAULT_NAME = "default";

	/** The body of a 404, a JSON string as wws sends it, quotes included. */
	private static final String NOT_FOUND_BODY = "\"{}\"";

	private ManagementApiRoutes() {
	}

	/**
	 * Creates the routes of the management API for a project's workers; they are not
	 * prefixed with the worker route prefix.
	 * @param catalog the workers
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(WorkerCatalog catalog) {
		return RouterFunctions.route()
			.GET(WORKERS_PATH, (request) -> list(catalog))
			.GET(WORKERS_PATH + "/{id}", (request) -> details(catalog, request))
			.build();
	}

	private static Mono<ServerResponse> list(WorkerCatalog catalog) {
		List<WorkerSummary> workers = catalog.workers()
			.stream()
			.map((worker) -> new WorkerSummary(WorkerId.of(catalog.root(), worker), name(worker), worker.route().path(),
					worker.source().file().toString()))
			.toList();
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(workers);
	}

	private static Mono<ServerResponse> details(WorkerCatalog catalog, ServerRequest request) {
		String id = request.pathVariable("id");
		Optional<Worker> found = catalog.workers()
			.stream()
			.filter((worker) -> WorkerId.of(catalog.root(), worker).equals(id))
			.findFirst();
		if (found.isEmpty()) {
			return ServerResponse.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(NOT_FOUND_BODY);
		}
		Worker worker = found.get();
		WorkerConfig config = worker.config();
		Map<String, String> vars = new LinkedHashMap<>();
		config.vars().keySet().forEach((name) -> vars.put(name, MASKED_VALUE));
		List<Folder> folders = config.folders()
			.stream()
			.map((folder) -> new Folder(folder.from().toString(), folder.to()))
			.toList();
		WorkerDetails details = new WorkerDetails(id, name(worker), config.version().orElse(""),
				new Data(config.kvNamespace().orElse(null)), folders, vars);
		return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(details);
	}

	private static String name(Worker worker) {
		return worker.config().name().orElse(DEFAULT_NAME);
	}

	record WorkerSummary(String id, String name, String path, String filepath) {

	}

	record WorkerDetails(String id, String name, String version, Data data, List<Folder> folders,
			Map<String, String> vars) {

	}

	record Data(@Nullable String kv) {

	}

	record Folder(String from, String to) {

	}

}
