package dev.wasmworkers.autoconfigure;

import java.io.IOException;

import dev.wasmworkers.reload.CatalogReloader;
import dev.wasmworkers.reload.FolderWatcher;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Watches the workers folder from when the application has started until it stops, and
 * reloads the workers after each burst of changes, on the watcher's own thread.
 * <p>
 * Workers packaged in the application archive are not watched: that is logged once.
 */
final class WorkersFolderWatch implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WorkersFolderWatch.class);

	private final CatalogReloader reloader;

	private @Nullable FolderWatcher watcher;

	WorkersFolderWatch(CatalogReloader reloader) {
		this.reloader = reloader;
	}

	@Override
	public synchronized void start() {
		String notReloadable = this.reloader.notReloadable();
		if (notReloadable != null) {
			logger.info("wasm.workers.watch is on, but the workers are not watched: {}", notReloadable);
			return;
		}
		try {
			this.watcher = FolderWatcher.start(this.reloader.root(), this.reloader::reload);
		}
		catch (IOException ex) {
			logger.warn(
					"wasm.workers.watch is on, but the workers folder {} cannot be watched ({}): restart the"
							+ " application, or reload with the wasmworkers Actuator endpoint, to serve changes",
					this.reloader.root(), ex.toString());
		}
	}

	@Override
	public synchronized void stop() {
		if (this.watcher != null) {
			this.watcher.close();
			this.watcher = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.watcher != null;
	}

}
