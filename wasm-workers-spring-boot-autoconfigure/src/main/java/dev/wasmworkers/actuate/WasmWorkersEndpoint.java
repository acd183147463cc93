package dev.wasmworkers.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.wasmworkers.config.FolderMount;
import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.reload.CatalogReloader;
import dev.wasmworkers.reload.ReloadReport;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerId;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that describes every worker of the project: its route, file,
 * configuration and whether it is served; and that reloads the workers folder on demand.
 * <p>
 * The reload is a write operation, so with the default {@link Access#READ_ONLY} access it
 * is not available until {@code management.endpoint.wasmworkers.access=unrestricted}.
 * <p>
 * The values of a worker's variables are never shown, only their names. Absolute host
 * paths (the project folder, the host side of mounts, and those paths inside failure
 * reasons) are replaced by {@code ******} unless {@link Show} allows them, as values are
 * in Boot's {@code env} endpoint.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@Endpoint(id = "wasmworkers", defaultAccess = Access.READ_ONLY)
public class WasmWorkersEndpoint {

	/** The state of a worker that is served. */
	public static final String SERVED = "served";

	/** The state of a worker that cannot be served; its route answers 500. */
	public static final String FAILED = "failed";

	/**
	 * The state of a worker whose files changed but whose new version failed to load; its
	 * previous version is still served.
	 */
	public static final String STALE = "stale";

	/** What replaces a hidden host path. */
	static final String HIDDEN = "******";

	private final CatalogReloader reloader;

	private final WorkerCatalogHolder catalogs;

	private final Show showPaths;

	/**
	 * Creates the endpoint.
	 * @param reloader reloads the workers folder, and holds the catalog being served,
	 * whose workers are described
	 * @param showPaths when to show absolute host paths
	 */
	public WasmWorkersEndpoint(CatalogReloader reloader, Show showPaths) {
		this.reloader = reloader;
		this.catalogs = reloader.catalogs();
		this.showPaths = showPaths;
	}

	/**
	 * Describes every worker, in route priority order.
	 * @return the project folder, the route prefix and the workers
	 */
	@ReadOperation
	public WorkersDescriptor workers() {
		return workers(this.showPaths.isShown(true));
	}

	/**
	 * Describes one worker.
	 * @param idOrFile the worker's id, or its file path relative to the project folder
	 * (such as {@code users/[id].wasm}, which spans several path segments)
	 * @return the worker, or {@code null} (404) when no worker has that id or file
	 */
	@ReadOperation
	public @Nullable WorkerDescriptor worker(@Selector(match = Match.ALL_REMAINING) String[] idOrFile) {
		return worker(idOrFile, this.showPaths.isShown(true));
	}

	/**
	 * Reloads the workers folder: compiles the workers whose files were added or changed,
	 * and swaps the new catalog in.
	 * @return what was added, changed, removed and failed, or why nothing was reloaded
	 */
	@WriteOperation
	public ReloadDescriptor reload() {
		return reload(this.showPaths.isShown(true));
	}

	ReloadDescriptor reload(boolean showPaths) {
		ReloadReport report = this.reloader.reload();
		WorkerCatalog catalog = this.catalogs.current();
		Map<String, String> failed = new TreeMap<>();
		report.failed()
			.forEach((file, problem) -> failed.put(file,
					showPaths ? problem : withoutHostPaths(problem, catalog, configOf(catalog, file))));
		return new ReloadDescriptor(report.summary(), report.added(), report.changed(), report.removed(), failed);
	}

	private static WorkerConfig configOf(WorkerCatalog catalog, String file) {
		return catalog.workers()
			.stream()
			.filter((worker) -> worker.name().equals(file))
			.findFirst()
			.map(Worker::config)
			.orElse(WorkerConfig.empty());
	}

	WorkersDescriptor workers(boolean showPaths) {
		WorkerCatalog catalog = this.catalogs.current();
		List<WorkerDescriptor> workers = catalog.workers()
			.stream()
			.map((worker) -> describe(catalog, worker, showPaths))
			.toList();
		return new WorkersDescriptor(showPaths ? catalog.root().toString() : HIDDEN, catalog.prefix(), workers);
	}

	@Nullable WorkerDescriptor worker(String[] idOrFile, boolean showPaths) {
		String wanted = String.join("/", idOrFile);
		WorkerCatalog catalog = this.catalogs.current();
		for (Worker worker : catalog.workers()) {
			if (worker.name().equals(wanted) || WorkerId.of(catalog.root(), worker).equals(wanted)) {
				return describe(catalog, worker, showPaths);
			}
		}
		return null;
	}

	private WorkerDescriptor describe(WorkerCatalog catalog, Worker worker, boolean showPaths) {
		WorkerConfig config = worker.config();
		List<MountDescriptor> mounts = config.folders()
			.stream()
			.map((FolderMount folder) -> new MountDescriptor(showPaths ? folder.from().toString() : HIDDEN,
					folder.to()))
			.toList();
		String failure = worker.problem()
			.map((reason) -> showPaths ? reason : withoutHostPaths(reason, catalog, config))
			.orElse(null);
		return new WorkerDescriptor(WorkerId.of(catalog.root(), worker), worker.name(), worker.route().path(),
				worker.route().pathTemplate(), worker.route().kind().name().toLowerCase(Locale.ROOT),
				worker.source().extension(), config.name().orElse(null), config.version().orElse(null),
				config.kvNamespace().orElse(null), mounts, List.copyOf(config.vars().keySet()), state(worker), failure,
				worker.program().map(WasmProgram::compileTime).orElse(null));
	}

	private static String state(Worker worker) {
		if (worker.failure().isPresent()) {
			return FAILED;
		}
		return worker.newVersionFailure().isPresent() ? STALE : SERVED;
	}

	private static String withoutHostPaths(String reason, WorkerCatalog catalog, WorkerConfig config) {
		String hidden = reason;
		for (FolderMount folder : config.folders()) {
			hidden = hidden.replace(folder.from().toString(), HIDDEN);
		}
		return hidden.replace(catalog.root().toString(), HIDDEN);
	}

	/**
	 * Every worker of the project.
	 *
	 * @param root the project folder, or {@code ******} unless host paths are shown
	 * @param prefix the prefix of every route, empty for none
	 * @param workers the workers in route priority order
	 */
	public record WorkersDescriptor(String root, String prefix,
			List<WorkerDescriptor> workers) implements OperationResponseBody {

	}

	/**
	 * One worker.
	 *
	 * @param id the worker's id in the wws management API
	 * @param file the worker file, relative to the project folder
	 * @param route the route in wws syntax, such as {@code /users/[id]}
	 * @param pathTemplate the route as a Spring path template, such as
	 * {@code /users/{id}}, the {@code uri} of its HTTP server metrics
	 * @param routeKind the route kind: {@code static}, {@code dynamic} or {@code tail}
	 * (catch-all)
	 * @param kind the kind of worker, from its file extension: {@code wasm} for a
	 * WebAssembly module, {@code js} for a JavaScript worker
	 * @param name the name from the worker's TOML file, if it sets one
	 * @param version the version from the worker's TOML file, if it sets one
	 * @param kvNamespace the KV namespace the worker reads and writes, if any
	 * @param mounts the host folders mounted into the worker
	 * @param variables the names of the worker's environment variables, without their
	 * values
	 * @param state {@code served}; {@code failed} when the worker cannot run; or
	 * {@code stale} when its files changed, their new version failed to load, and its
	 * previous version is still served
	 * @param failure why the worker cannot run, when it failed; that it serves its
	 * previous version and why the new one failed, when it is stale
	 * @param compileTime how long compiling the module took, when it is served
	 */
	public record WorkerDescriptor(String id, String file, String route, String pathTemplate, String routeKind,
			String kind, @Nullable String name, @Nullable String version, @Nullable String kvNamespace,
			List<MountDescriptor> mounts, List<String> variables, String state, @Nullable String failure,
			@Nullable Duration compileTime) implements OperationResponseBody {

	}

	/**
	 * What a reload did.
	 *
	 * @param summary the counts, such as {@code 1 added, 1 changed, 0 removed, 0 failed},
	 * or why nothing was reloaded (for workers packaged in the application archive)
	 * @param added the files of the workers that appeared
	 * @param changed the files of the workers whose file or TOML file changed
	 * @param removed the files of the workers that went away
	 * @param failed the added or changed workers that failed to load, by file, with the
	 * reason
	 */
	public record ReloadDescriptor(String summary, List<String> added, List<String> changed, List<String> removed,
			Map<String, String> failed) implements OperationResponseBody {

	}

	/**
	 * A host folder mounted into a worker.
	 *
	 * @param from the host folder, or {@code ******} unless host paths are shown
	 * @param to the path the worker sees it at
	 */
	public record MountDescriptor(String from, String to) {

	}

}
