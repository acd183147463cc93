package dev.wasmworkers.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.wasmworkers.discovery.WorkerDiscovery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches a folder and every folder below it (those created later included) with the
 * platform's file watch service (inotify on Linux), and runs a callback on a thread of
 * its own once a burst of changes has settled.
 * <p>
 * The callback runs once when watching starts, so that no change made before is missed,
 * then after each burst: once no change has come for {@link #QUIET_PERIOD}, or after
 * {@link #LONGEST_WAIT} of changes that do not stop. It never runs twice at once; changes
 * made while it runs make it run again. Symbolic links to folders are not followed.
 * Folders named {@code .wws}, which hold no workers (the compile cache lives there), are
 * not watched, and creating one is not a change.
 */
public final class FolderWatcher implements AutoCloseable {

	/** How long the folder must stay unchanged before the callback runs. */
	public static final Duration QUIET_PERIOD = Duration.ofMillis(100);

	/** The longest time changes that do not stop delay the callback. */
	public static final Duration LONGEST_WAIT = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(FolderWatcher.class);

	private static final Path UNWATCHED = Path.of(WorkerDiscovery.SERVER_FOLDER);

	private final Path root;

	private final Runnable onChange;

	private final WatchService service;

	private final Map<WatchKey, Path> folders = new ConcurrentHashMap<>();

	private final Thread thread;

	private FolderWatcher(Path root, Runnable onChange, WatchService service) {
		this.root = root;
		this.onChange = onChange;
		this.service = service;
		this.thread = new Thread(this::watch, "wasm-workers-watch");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts watching a folder.
	 * @param root the folder
	 * @param onChange what to run after each burst of changes, on the watcher's thread
	 * @return the watcher, to close
	 * @throws IOException when the platform cannot watch the folder
	 */
	public static FolderWatcher start(Path root, Runnable onChange) throws IOException {
		WatchService service = root.getFileSystem().newWatchService();
		FolderWatcher watcher = new FolderWatcher(root, onChange, service);
		watcher.register(root);
		if (!watcher.folders.containsValue(root)) {
			service.close();
			throw new IOException("Cannot watch " + root);
		}
		watcher.thread.start();
		logger.info("Watching {} ({} folders) for changes to the workers", root, watcher.folders.size());
		return watcher;
	}

	private void watch() {
		try {
			changed();
			while (true) {
				boolean changes = handle(this.service.take());
				long deadline = System.nanoTime() + LONGEST_WAIT.toNanos();
				WatchKey more;
				while (System.nanoTime() < deadline
						&& (more = this.service.poll(QUIET_PERIOD.toMillis(), TimeUnit.MILLISECONDS)) != null) {
					changes |= handle(more);
				}
				if (changes) {
					changed();
				}
			}
		}
		catch (ClosedWatchServiceException ex) {
			// Closed: watching is over.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void changed() {
		try {
			this.onChange.run();
		}
		catch (RuntimeException ex) {
			logger.error("Reacting to a change in {} failed", this.root, ex);
		}
	}

	/** Handles the events of a key; returns whether any of them is a change. */
	private boolean handle(WatchKey key) {
		Path folder = this.folders.get(key);
		boolean changes = false;
		for (WatchEvent<?> event : key.pollEvents()) {
			Path name = (event.context() instanceof Path path) ? path : null;
			if (UNWATCHED.equals(name)) {
				continue;
			}
			changes = true;
			if (folder != null && event.kind() == StandardWatchEventKinds.ENTRY_CREATE && name != null) {
				Path created = folder.resolve(name);
				if (Files.isDirectory(created, LinkOption.NOFOLLOW_LINKS)) {
					register(created);
				}
			}
		}
		if (!key.reset()) {
			this.folders.remove(key);
			if (this.root.equals(folder)) {
				logger.warn("The workers folder {} was removed or replaced: its changes are no longer watched", folder);
			}
		}
		return changes;
	}

	private void register(Path top) {
		try {
			Files.walkFileTree(top, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
					if (UNWATCHED.equals(folder.getFileName()) && !folder.equals(FolderWatcher.this.root)) {
						return FileVisitResult.SKIP_SUBTREE;
					}
					try {
						FolderWatcher.this.folders.put(
								folder.register(FolderWatcher.this.service, StandardWatchEventKinds.ENTRY_CREATE,
										StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY),
								folder);
					}
					catch (IOException ex) {
						logger
							.warn("Cannot watch {} for changes to the workers: {} (on Linux, a folder tree larger than"
									+ " fs.inotify.max_user_watches needs a larger value)", folder, ex.toString());
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			logger.warn("Cannot watch {} for changes to the workers: {}", top, ex.toString());
		}
	}

	/**
	 * Stops watching; a callback running now finishes first, on its own.
	 */
	@Override
	public void close() {
		try {
			this.service.close();
		}
		catch (IOException ex) {
			logger.debug("Closing the watch service of {} failed", this.root, ex);
		}
	}

}
