package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Waits, as the application context starts and before its web server does, for the
 * workers that have been loading in the background since the context created them: the
 * server then serves all of them from its first request, and a failure to load them fails
 * the start.
 */
final class WorkerCatalogLoadingLifecycle implements SmartLifecycle {

	/** Before the web server starts. */
	static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

	private final WorkerCatalogHolder catalogs;

	private volatile boolean running;

	WorkerCatalogLoadingLifecycle(WorkerCatalogHolder catalogs) {
		this.catalogs = catalogs;
	}

	@Override
	public void start() {
		this.catalogs.current();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
