package dev.wasmworkers.testing;

import java.nio.file.Path;
import java.util.Set;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.reload.CatalogReloader;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerLoader;

/**
 * Loads worker catalogs without Spring.
 */
public final class Catalogs {

	private Catalogs() {
	}

	/**
	 * Loads the {@code .wasm} workers of a folder, without a route prefix and without
	 * host environment variables.
	 * @param root the project folder
	 * @return the catalog
	 */
	public static WorkerCatalog load(Path root) {
		return WorkerCatalog.load(root, "", new WorkerDiscovery(Set.of("wasm")), loader());
	}

	/**
	 * Loads the {@code .wasm} workers of a folder as {@link #load(Path)} does, into a
	 * reloader.
	 * @param root the project folder
	 * @return the reloader, serving the catalog, loaded when this returns
	 */
	public static CatalogReloader reloader(Path root) {
		CatalogReloader reloader = CatalogReloader.load(root, "", new WorkerDiscovery(Set.of("wasm")), loader());
		reloader.catalogs().current();
		return reloader;
	}

	private static WorkerLoader loader() {
		return new WorkerLoader(new WasmEngine(), new WorkerConfigReader((name) -> null));
	}

}
