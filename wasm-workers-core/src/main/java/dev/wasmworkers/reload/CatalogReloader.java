package dev.wasmworkers.reload;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.wasmworkers.discovery.PublicFolder;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerLoader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a project folder into the catalog being served, at start-up and then on each
 * {@link #reload()}: a reload discovers the workers again, compiles only those whose file
 * or TOML file changed (the others keep their compiled program), and swaps the new
 * catalog in at once. The first load runs on a thread of its own, so that the application
 * can go on starting meanwhile.
 * <p>
 * A changed worker whose new version fails to load keeps serving its previous version; a
 * new worker that fails answers 500, as at start-up; a removed worker's route goes away.
 * Requests already routed finish on the catalog they were routed against, so a replaced
 * program is released once its last run ends. Reloads run one at a time.
 * <p>
 * A folder copied out of the application archive at start-up never changes, so reloading
 * it does nothing, and says so.
 */
public final class CatalogReloader {

	private static final Logger logger = LoggerFactory.getLogger(CatalogReloader.class);

	private final WorkerCatalogHolder catalogs;

	private final Path root;

	private final WorkerDiscovery discovery;

	private final WorkerLoader loader;

	private final @Nullable String packagedLocation;

	/** Each worker of the catalog last swapped in, with the files it was loaded from. */
	private Map<String, Loaded> loaded;

	private CatalogReloader(WorkerCatalogHolder catalogs, Path root, WorkerDiscovery discovery, WorkerLoader loader,
			@Nullable String packagedLocation, Map<String, Loaded> loaded) {
		this.catalogs = catalogs;
		this.root = root;
		this.discovery = discovery;
		this.loader = loader;
		this.packagedLocation = packagedLocation;
		this.loaded = loaded;
	}

	/**
	 * Starts loading a folder on disk for the first time, on a thread of its own: the
	 * {@link #catalogs() holder}'s {@code current()} waits until it is loaded.
	 * @param root the project folder
	 * @param prefix the normalised route prefix ({@code ""} for none)
	 * @param discovery finds the worker files
	 * @param loader compiles one worker
	 * @return the reloader, serving the catalog once loaded
	 * @throws dev.wasmworkers.worker.WorkersFolderException if the folder does not exist
	 * or is not a folder
	 */
	public static CatalogReloader load(Path root, String prefix, WorkerDiscovery discovery, WorkerLoader loader) {
		Path folder = WorkerCatalog.folder(root);
		Map<String, Loaded> loaded = new ConcurrentHashMap<>();
		WorkerCatalogHolder catalogs = WorkerCatalogHolder
			.loading(() -> WorkerCatalog.load(folder, prefix, discovery, (source) -> {
				WorkerFiles files = WorkerFiles.of(source);
				Worker worker = loader.load(source);
				loaded.put(source.relativePath(), new Loaded(worker, files));
				return worker;
			}));
		return new CatalogReloader(catalogs, folder, discovery, loader, null, loaded);
	}

	/**
	 * Starts loading the copy of workers packaged in the application archive, which is
	 * never reloaded, on a thread of its own as {@link #load} does.
	 * @param copy the folder they were copied to at start-up
	 * @param prefix the normalised route prefix ({@code ""} for none)
	 * @param discovery finds the worker files
	 * @param loader compiles one worker
	 * @param location where they are packaged, such as {@code classpath:workers}
	 * @return the reloader, serving the catalog once loaded
	 */
	public static CatalogReloader loadPackaged(Path copy, String prefix, WorkerDiscovery discovery, WorkerLoader loader,
			String location) {
		Path folder = WorkerCatalog.folder(copy);
		WorkerCatalogHolder catalogs = WorkerCatalogHolder
			.loading(() -> WorkerCatalog.load(folder, prefix, discovery, loader));
		return new CatalogReloader(catalogs, folder, discovery, loader, location, Map.of());
	}

	/**
	 * Holds the catalog being served, which each reload replaces.
	 * @return the holder
	 */
	public WorkerCatalogHolder catalogs() {
		return this.catalogs;
	}

	/**
	 * The folder reloaded.
	 * @return the absolute, normalised project folder
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * Why this folder is never reloaded, when it is a copy of packaged workers.
	 * @return the reason, or {@code null} when the folder can be reloaded
	 */
	public @Nullable String notReloadable() {
		return (this.packagedLocation != null) ? "the workers packaged in the application (" + this.packagedLocation
				+ ") are a copy made at start-up, which never changes" : null;
	}

	/**
	 * Loads the folder again: compiles the workers whose files were added or changed,
	 * keeps the others as they are, drops those removed, and swaps the new catalog in
	 * when anything changed (the {@code public/} folder appearing or going away
	 * included). What changed is logged, each failure once with its file and reason.
	 * @return what the reload did
	 */
	public synchronized ReloadReport reload() {
		String notReloadable = notReloadable();
		if (notReloadable != null) {
			return ReloadReport.notReloaded(notReloadable);
		}
		long start = System.nanoTime();
		WorkerCatalog current = this.catalogs.current();
		Path root = current.root();
		List<WorkerSource> sources = discover(current);
		if (sources == null) {
			logger.warn("Cannot reload the workers: the folder {} no longer exists or cannot be read;"
					+ " the workers loaded before are still served", root);
			return ReloadReport.notReloaded("the workers folder no longer exists or cannot be read");
		}
		Map<String, Loaded> next = new ConcurrentHashMap<>();
		Set<String> added = ConcurrentHashMap.newKeySet();
		Set<String> changed = ConcurrentHashMap.newKeySet();
		List<Worker> workers = sources.parallelStream().map((source) -> {
			Loaded loaded = next(source, added, changed);
			next.put(source.relativePath(), loaded);
			return loaded.worker();
		}).toList();
		Set<String> removed = new TreeSet<>(this.loaded.keySet());
		removed.removeAll(next.keySet());
		Map<String, String> failed = new TreeMap<>();
		for (Worker worker : workers) {
			if (added.contains(worker.name()) || changed.contains(worker.name())) {
				worker.problem().ifPresent((problem) -> failed.put(worker.name(), problem));
			}
		}
		ReloadReport report = new ReloadReport(sorted(added), sorted(changed), List.copyOf(removed), failed, null);
		boolean publicFolderChanged = current.publicFolder().isPresent() != PublicFolder.of(root).isPresent();
		if (report.changedAnything() || publicFolderChanged) {
			WorkerCatalog reloaded = WorkerCatalog.of(root, current.prefix(), workers,
					Duration.ofNanos(System.nanoTime() - start));
			this.catalogs.swap(reloaded);
			this.loaded = next;
			log(report, root, reloaded.loadTime().toMillis());
		}
		return report;
	}

	private @Nullable List<WorkerSource> discover(WorkerCatalog current) {
		if (!Files.isDirectory(current.root())) {
			return null;
		}
		try {
			return this.discovery.discover(current.root(), current.prefix());
		}
		catch (IllegalArgumentException | UncheckedIOException ex) {
			return null;
		}
	}

	private Loaded next(WorkerSource source, Set<String> added, Set<String> changed) {
		WorkerFiles files = WorkerFiles.of(source);
		Loaded before = this.loaded.get(source.relativePath());
		if (before == null) {
			added.add(source.relativePath());
			return new Loaded(this.loader.load(source), files);
		}
		if (before.files().equals(files)) {
			return before;
		}
		changed.add(source.relativePath());
		return new Loaded(this.loader.reload(source, before.worker()), files);
	}

	private static void log(ReloadReport report, Path root, long millis) {
		logger.info("Reloaded the workers of {} in {} ms: {}", root, millis, report.summary());
		report.added().forEach((file) -> logger.info("    added {}", file));
		report.changed().forEach((file) -> logger.info("    changed {}", file));
		report.removed().forEach((file) -> logger.info("    removed {}", file));
	}

	private static List<String> sorted(Set<String> files) {
		return List.copyOf(new TreeSet<>(files));
	}

	/**
	 * A worker, and the files it was loaded from (or, for a failed new version, tried).
	 */
	private record Loaded(Worker worker, WorkerFiles files) {
	}

}
