package dev.wasmworkers.worker;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the catalog being served: every request, endpoint and meter reads
 * {@link #current()}, and a reload replaces it at once with {@link #swap(WorkerCatalog)}.
 * <p>
 * A catalog is immutable, so a request routed against one catalog sees that catalog
 * whole, whatever happens to the holder meanwhile.
 */
public final class WorkerCatalogHolder {

	private final AtomicReference<WorkerCatalog> current;

	/**
	 * Creates a holder serving a first catalog.
	 * @param initial the catalog loaded at start-up
	 */
	public WorkerCatalogHolder(WorkerCatalog initial) {
		this.current = new AtomicReference<>(Objects.requireNonNull(initial, "initial"));
	}

	/**
	 * The catalog being served now.
	 * @return the current catalog
	 */
	public WorkerCatalog current() {
		return this.current.get();
	}

	/**
	 * Serves another catalog from now on; requests already routed keep the catalog they
	 * were routed against.
	 * @param next the catalog to serve
	 * @return the catalog served until now, for the caller to retire
	 */
	public WorkerCatalog swap(WorkerCatalog next) {
		return this.current.getAndSet(Objects.requireNonNull(next, "next"));
	}

}
