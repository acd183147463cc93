package dev.wasmworkers.autoconfigure;

import java.io.IOException;
import java.nio.file.Path;

import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.CompileCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Opens the compile cache that {@code wasm.workers.compile-cache.*} describes: the folder
 * it names, or else {@code .wws/compiled} in a workers folder on disk.
 */
final class CompileCacheFolder {

	static final String PATH_PROPERTY = "wasm.workers.compile-cache.path";

	private static final Logger logger = LoggerFactory.getLogger(CompileCacheFolder.class);

	private CompileCacheFolder() {
	}

	/**
	 * The cache to compile with. A configured folder that cannot be used fails start-up
	 * naming the property; the default folder that cannot be used only turns the cache
	 * off, saying why.
	 * @param settings the compile cache properties
	 * @param workers the workers folder
	 * @return the cache, or {@link CompileCache#none()} when disabled or unusable
	 */
	static CompileCache open(WasmWorkersProperties.CompileCache settings, WorkersFolder workers) {
		if (!settings.isEnabled()) {
			return CompileCache.none();
		}
		@Nullable Path configured = settings.getPath();
		if (configured != null) {
			try {
				return CompileCache.in(configured.toAbsolutePath());
			}
			catch (IOException ex) {
				throw new InvalidConfigurationPropertyValueException(PATH_PROPERTY, configured,
						"cannot be used as the compile cache folder: " + ex.getMessage());
			}
		}
		if (workers.fromClasspath()) {
			return CompileCache.none();
		}
		Path folder = workers.path().resolve(WorkerDiscovery.SERVER_FOLDER).resolve("compiled");
		try {
			return CompileCache.in(folder);
		}
		catch (IOException ex) {
			logger.info("Compiled .wasm workers are not kept between starts: {} cannot be used ({}); set {} to a"
					+ " folder only the server's user may write", folder, ex.getMessage(), PATH_PROPERTY);
			return CompileCache.none();
		}
	}

}
