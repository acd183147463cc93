package dev.wasmworkers.web;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;

/**
 * The routing table of the catalog being served, rebuilt only when the catalog is
 * swapped.
 */
final class WorkerRouting {

	private final WorkerCatalogHolder catalogs;

	private final AtomicReference<RoutingTable> table = new AtomicReference<>();

	WorkerRouting(WorkerCatalogHolder catalogs) {
		this.catalogs = catalogs;
	}

	/**
	 * The table of the current catalog; read it once per request.
	 * @return the table
	 */
	RoutingTable current() {
		return tableOf(this.catalogs.current());
	}

	/**
	 * The table of the current catalog, without waiting for the first catalog to load.
	 * @return the table, empty while the first catalog is loading
	 */
	Optional<RoutingTable> currentIfLoaded() {
		return this.catalogs.currentIfLoaded().map(this::tableOf);
	}

	private RoutingTable tableOf(WorkerCatalog catalog) {
		RoutingTable last = this.table.get();
		if (last != null && last.catalog() == catalog) {
			return last;
		}
		RoutingTable next = new RoutingTable(catalog);
		this.table.set(next);
		return next;
	}

}
