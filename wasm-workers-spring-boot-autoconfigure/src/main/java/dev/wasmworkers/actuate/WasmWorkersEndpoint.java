package dev.wasmworkers.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import dev.wasmworkers.config.FolderMount;
import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerId;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;

/**
 * {@link Endpoint @Endpoint} that describes every worker of the project: its route, file,
 * configuration and whether it is served.
 * <p>
 * The values of a worker's variables are never shown, only their names.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@Endpoint(id = "wasmworkers")
public class WasmWorkersEndpoint {

	/** The state of a worker that is served. */
	public static final String SERVED = "served";

	/** The state of a worker that cannot be served; its route answers 500. */
	public static final String FAILED = "failed";

	private final WorkerCatalogHolder catalogs;

	/**
	 * Creates the endpoint.
	 * @param catalogs holds the catalog being served, whose workers are described
	 */
	public WasmWorkersEndpoint(WorkerCatalogHolder catalogs) {
		this.catalogs = catalogs;
	}

	/**
	 * Describes every worker, in route priority order.
	 * @return the project folder, the route prefix and the workers
	 */
	@ReadOperation
	public WorkersDescriptor workers() {
		WorkerCatalog catalog = this.catalogs.current();
		List<WorkerDescriptor> workers = catalog.workers().stream().map((worker) -> describe(catalog, worker)).toList();
		return new WorkersDescriptor(catalog.root().toString(), catalog.prefix(), workers);
	}

	/**
	 * Describes one worker.
	 * @param idOrFile the worker's id, or its file path relative to the project folder
	 * (such as {@code users/[id].wasm}, which spans several path segments)
	 * @return the worker, or {@code null} (404) when no worker has that id or file
	 */
	@ReadOperation
	public @Nullable WorkerDescriptor worker(@Selector(match = Match.ALL_REMAINING) String[] idOrFile) {
		String wanted = String.join("/", idOrFile);
		WorkerCatalog catalog = this.catalogs.current();
		for (Worker worker : catalog.workers()) {
			if (worker.name().equals(wanted) || WorkerId.of(catalog.root(), worker).equals(wanted)) {
				return describe(catalog, worker);
			}
		}
		return null;
	}

	private WorkerDescriptor describe(WorkerCatalog catalog, Worker worker) {
		WorkerConfig config = worker.config();
		List<MountDescriptor> mounts = config.folders()
			.stream()
			.map((FolderMount folder) -> new MountDescriptor(folder.from().toString(), folder.to()))
			.toList();
		return new WorkerDescriptor(WorkerId.of(catalog.root(), worker), worker.name(), worker.route().path(),
				worker.route().pathTemplate(), worker.route().kind().name().toLowerCase(Locale.ROOT),
				worker.source().extension(), config.name().orElse(null), config.version().orElse(null),
				config.kvNamespace().orElse(null), mounts, List.copyOf(config.vars().keySet()),
				worker.failure().isPresent() ? FAILED : SERVED, worker.failure().orElse(null),
				worker.program().map(WasmProgram::compileTime).orElse(null));
	}

	/**
	 * Every worker of the project.
	 *
	 * @param root the project folder
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
	 * @param state {@code served}, or {@code failed} when the worker cannot run
	 * @param failure why the worker cannot run, when it failed
	 * @param compileTime how long compiling the module took, when it is served
	 */
	public record WorkerDescriptor(String id, String file, String route, String pathTemplate, String routeKind,
			String kind, @Nullable String name, @Nullable String version, @Nullable String kvNamespace,
			List<MountDescriptor> mounts, List<String> variables, String state, @Nullable String failure,
			@Nullable Duration compileTime) implements OperationResponseBody {

	}

	/**
	 * A host folder mounted into a worker.
	 *
	 * @param from the host folder
	 * @param to the path the worker sees it at
	 */
	public record MountDescriptor(String from, String to) {

	}

}
