package dev.wasmworkers.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import dev.wasmworkers.discovery.PublicFolder;
import dev.wasmworkers.discovery.RouteTable;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.discovery.WorkerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every worker of one project folder, in wws route priority order: loaded at start-up,
 * and again by each reload. A catalog never changes; a reload makes a new one.
 */
public final class WorkerCatalog {

	private static final Logger logger = LoggerFactory.getLogger(WorkerCatalog.class);

	private final Path root;

	private final String prefix;

	private final RouteTable<Worker> routes;

	private final Optional<PublicFolder> publicFolder;

	private final Duration loadTime;

	private WorkerCatalog(Path root, String prefix, List<Worker> workers, Duration loadTime) {
		this.root = root;
		this.prefix = prefix;
		this.routes = new RouteTable<>(workers, Worker::route);
		this.publicFolder = PublicFolder.of(root);
		this.loadTime = loadTime;
	}

	/**
	 * Discovers and compiles every worker of a folder; a worker that cannot be compiled
	 * is kept as failed.
	 * @param root the project folder
	 * @param prefix the normalised route prefix ({@code ""} for none)
	 * @param discovery finds the worker files
	 * @param loader compiles one worker
	 * @return the catalog
	 * @throws WorkersFolderException if the folder does not exist or is not a folder
	 */
	public static WorkerCatalog load(Path root, String prefix, WorkerDiscovery discovery, WorkerLoader loader) {
		return load(root, prefix, discovery, loader::load);
	}

	/**
	 * Discovers every worker of a folder and loads each with the given function.
	 * @param root the project folder
	 * @param prefix the normalised route prefix ({@code ""} for none)
	 * @param discovery finds the worker files
	 * @param loader turns one worker file into a worker, served or failed
	 * @return the catalog
	 * @throws WorkersFolderException if the folder does not exist or is not a folder
	 */
	public static WorkerCatalog load(Path root, String prefix, WorkerDiscovery discovery,
			Function<WorkerSource, Worker> loader) {
		Path folder = folder(root);
		long start = System.nanoTime();
		List<WorkerSource> sources = discovery.discover(folder, prefix);
		List<Worker> workers = sources.parallelStream().map(loader).toList();
		WorkerCatalog catalog = new WorkerCatalog(folder, prefix, workers, Duration.ofNanos(System.nanoTime() - start));
		logger.info("Loaded {} workers from {} in {} ms ({} failed)", workers.size(), folder,
				catalog.loadTime.toMillis(), workers.stream().filter((w) -> w.failure().isPresent()).count());
		catalog.routes.ordered()
			.forEach((worker) -> logger.info("    {} => {}{}", worker.route().path(), worker.name(),
					worker.failure().map((reason) -> " (FAILED, answers 500: " + reason + ")").orElse("")));
		return catalog;
	}

	/**
	 * Checks that a project folder can be loaded, before loading it.
	 * @param root the project folder
	 * @return the absolute, normalised folder
	 * @throws WorkersFolderException if the folder does not exist or is not a folder
	 */
	public static Path folder(Path root) {
		Path folder = root.toAbsolutePath().normalize();
		if (!Files.exists(folder)) {
			throw new WorkersFolderException(folder, "does not exist");
		}
		if (!Files.isDirectory(folder)) {
			throw new WorkersFolderException(folder, "is not a folder");
		}
		return folder;
	}

	/**
	 * A catalog of workers already loaded, such as the result of a reload.
	 * @param root the project folder
	 * @param prefix the normalised route prefix ({@code ""} for none)
	 * @param workers the workers, in any order
	 * @param loadTime how long loading them took
	 * @return the catalog
	 */
	public static WorkerCatalog of(Path root, String prefix, List<Worker> workers, Duration loadTime) {
		return new WorkerCatalog(root.toAbsolutePath().normalize(), prefix, workers, loadTime);
	}

	/**
	 * The project folder.
	 * @return the absolute, normalised folder
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * The route prefix every worker and the public folder are served under.
	 * @return the normalised prefix, {@code ""} for none
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The workers in route priority order.
	 * @return the workers
	 */
	public List<Worker> workers() {
		return this.routes.ordered();
	}

	/**
	 * The routing table that picks the worker for a request path.
	 * @return the table
	 */
	public RouteTable<Worker> routes() {
		return this.routes;
	}

	/**
	 * How long discovering and compiling the workers took.
	 * @return the time from the start of {@link #load}, or of the reload, to the catalog
	 */
	public Duration loadTime() {
		return this.loadTime;
	}

	/**
	 * The project's {@code public/} folder, when it has one.
	 * @return the public folder
	 */
	public Optional<PublicFolder> publicFolder() {
		return this.publicFolder;
	}

}
