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

/**
 * The read-only wws management API (wws §9): {@code GET /_api/v0/workers} and {@code GET
 * /_api/v0/workers/{id}}, with the fields wws returns, for both web stacks.
 * <p>
 * Differences from wws: variables are listed by name with every value masked as
 * {@code ******} (wws shows resolved values, secrets included), a folder's {@code from}
 * is the resolved host folder, and a worker without a version has {@code ""}.
 */
final class ManagementApi {

	/** The path of the list of workers; a worker's details are below it. */
	static final String WORKERS_PATH = "/_api/v0/workers";

	/** The path of a worker's details, with its {@code id} as a path variable. */
	static final String WORKER_PATH = WORKERS_PATH + "/{id}";

	/** The body of a 404, a JSON string as wws sends it, quotes included. */
	static final String NOT_FOUND_BODY = "\"{}\"";

	static final String MASKED_VALUE = "******";

	private static final String DEFAULT_NAME = "default";

	private ManagementApi() {
	}

	/**
	 * The list of workers.
	 * @param catalog the workers
	 * @return the body of {@code GET /_api/v0/workers}
	 */
	static List<WorkerSummary> list(WorkerCatalog catalog) {
		return catalog.workers()
			.stream()
			.map((worker) -> new WorkerSummary(WorkerId.of(catalog.root(), worker), name(worker), worker.route().path(),
					worker.source().file().toString()))
			.toList();
	}

	/**
	 * The details of one worker.
	 * @param catalog the workers
	 * @param id the worker's id
	 * @return the body of {@code GET /_api/v0/workers/{id}}, or empty (404) when no
	 * worker has that id
	 */
	static Optional<WorkerDetails> details(WorkerCatalog catalog, String id) {
		return catalog.workers()
			.stream()
			.filter((worker) -> WorkerId.of(catalog.root(), worker).equals(id))
			.findFirst()
			.map((worker) -> details(id, worker));
	}

	private static WorkerDetails details(String id, Worker worker) {
		WorkerConfig config = worker.config();
		Map<String, String> vars = new LinkedHashMap<>();
		config.vars().keySet().forEach((name) -> vars.put(name, MASKED_VALUE));
		List<Folder> folders = config.folders()
			.stream()
			.map((folder) -> new Folder(folder.from().toString(), folder.to()))
			.toList();
		return new WorkerDetails(id, name(worker), config.version().orElse(""),
				new Data(config.kvNamespace().orElse(null)), folders, vars);
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
