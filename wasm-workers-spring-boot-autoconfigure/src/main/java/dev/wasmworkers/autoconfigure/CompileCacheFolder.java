package dev.wasmworkers.autoconfigure;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.CompileCache;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Opens the compile cache that {@code wasm.workers.compile-cache.*} describes: the folder
 * it names, or else {@code .wws/compiled} in a workers folder on disk, and
 * {@code wasm-workers/compiled} in the user's cache folder ({@code $XDG_CACHE_HOME}, or
 * {@code ~/.cache}) for workers packaged in the application.
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
	 * @param environment where {@code XDG_CACHE_HOME} and {@code user.home} are read
	 * @return the cache, or {@link CompileCache#none()} when disabled or unusable
	 */
	static CompileCache open(WasmWorkersProperties.CompileCache settings, WorkersFolder workers,
			Environment environment) {
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
		Path folder = workers.fromClasspath() ? userCacheFolder(environment)
				: workers.path().resolve(WorkerDiscovery.SERVER_FOLDER).resolve("compiled");
		if (folder == null) {
			logger.info("Compiled .wasm workers are not kept between starts: the user has no home folder to keep"
					+ " them in; set {} to a folder only the server's user may write", PATH_PROPERTY);
			return CompileCache.none();
		}
		try {
			return CompileCache.in(folder);
		}
		catch (IOException ex) {
			logger.info("Compiled .wasm workers are not kept between starts: {} cannot be used ({}); set {} to a"
					+ " folder only the server's user may write", folder, ex.getMessage(), PATH_PROPERTY);
			return CompileCache.none();
		}
	}

	/**
	 * The default folder for the workers packaged in the application, which are copied to
	 * a new temporary folder at each start: {@code wasm-workers/compiled} in
	 * {@code $XDG_CACHE_HOME}, or else in {@code ~/.cache}.
	 * @return the folder, or null when neither names an absolute folder
	 */
	static @Nullable Path userCacheFolder(Environment environment) {
		Path cacheHome = absolute(environment.getProperty("XDG_CACHE_HOME"));
		if (cacheHome == null) {
			Path home = absolute(environment.getProperty("user.home"));
			cacheHome = (home != null) ? home.resolve(".cache") : null;
		}
		return (cacheHome != null) ? cacheHome.resolve("wasm-workers").resolve("compiled") : null;
	}

	private static @Nullable Path absolute(@Nullable String folder) {
		if (folder == null || folder.isBlank()) {
			return null;
		}
		try {
			Path path = Path.of(folder);
			return path.isAbsolute() ? path : null;
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

}
