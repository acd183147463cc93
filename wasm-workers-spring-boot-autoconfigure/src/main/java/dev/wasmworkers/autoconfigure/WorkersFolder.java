package dev.wasmworkers.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.wasmworkers.worker.WorkersFolderException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.util.ResourceUtils;
import org.springframework.web.util.UriUtils;

/**
 * The folder of workers named by {@code wasm.workers.path}: a folder on disk
 * ({@code ./workers}, {@code /srv/workers}, {@code file:/srv/workers}), or a
 * {@code classpath:} location.
 * <p>
 * A classpath location in the file system (an IDE, a test) is served in place. One inside
 * an archive (a Boot fat jar started with {@code java -jar}) is copied once, at start-up,
 * to a private temporary folder, deleted when the application stops: workers need real
 * files (their modules, TOML files and public files are read with the file system API,
 * and mounts are confined host folders), and a copy keeps every rule of a folder on disk.
 * A {@code [[folders]]} mount inside the copy is refused.
 */
final class WorkersFolder implements AutoCloseable {

	static final String PROPERTY = "wasm.workers.path";

	private static final Logger logger = LoggerFactory.getLogger(WorkersFolder.class);

	private final String location;

	private final Path path;

	private final boolean copied;

	private WorkersFolder(String location, Path path, boolean copied) {
		this.location = location;
		this.path = path;
		this.copied = copied;
	}

	/**
	 * Resolves the configured value.
	 * @param value the value of {@code wasm.workers.path}
	 * @param resourceLoader resolves {@code classpath:} locations
	 * @return the folder
	 * @throws WorkersFolderException when the value is empty, or names a folder that does
	 * not exist, is a file or cannot be read
	 * @throws InvalidConfigurationPropertyValueException when a classpath location does
	 * not exist or is not a folder, or the value is a URL of another kind
	 */
	static WorkersFolder resolve(@Nullable String value, ResourceLoader resourceLoader) {
		if (value == null || value.isBlank()) {
			throw new WorkersFolderException(Path.of(""), "does not exist");
		}
		String location = value.strip();
		if (location.startsWith(ResourceUtils.CLASSPATH_URL_PREFIX)) {
			return classpath(location, resourceLoader);
		}
		if (location.startsWith(ResourceUtils.FILE_URL_PREFIX)) {
			return onDisk(location, Path.of(location.substring(ResourceUtils.FILE_URL_PREFIX.length())));
		}
		if (location.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*") && !location.matches("^[a-zA-Z]:[\\\\/].*")) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, value,
					"must be a folder, a file: location or a classpath: location");
		}
		return onDisk(location, Path.of(location));
	}

	private static WorkersFolder onDisk(String location, Path folder) {
		Path absolute = folder.toAbsolutePath().normalize();
		if (!Files.exists(absolute)) {
			throw new WorkersFolderException(absolute, "does not exist");
		}
		if (!Files.isDirectory(absolute)) {
			throw new WorkersFolderException(absolute, "is a file, not a folder");
		}
		if (!Files.isReadable(absolute) || !Files.isExecutable(absolute)) {
			throw new WorkersFolderException(absolute, "cannot be read (check its permissions)");
		}
		return new WorkersFolder(location, absolute, false);
	}

	private static WorkersFolder classpath(String location, ResourceLoader resourceLoader) {
		Resource resource = resourceLoader.getResource(location);
		if (!resource.exists()) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, location,
					"no such folder on the classpath (packaged workers live in src/main/resources/"
							+ location.substring(ResourceUtils.CLASSPATH_URL_PREFIX.length()).replaceAll("^/+", "")
							+ ")");
		}
		try {
			URL url = resource.getURL();
			if (ResourceUtils.URL_PROTOCOL_FILE.equals(url.getProtocol())) {
				Path folder = Path.of(url.toURI());
				if (!Files.isDirectory(folder)) {
					throw new InvalidConfigurationPropertyValueException(PROPERTY, location,
							"is a file (" + folder + "), not a folder");
				}
				return onDisk(location, folder);
			}
			if (!isDirectoryEntry(url)) {
				throw new InvalidConfigurationPropertyValueException(PROPERTY, location,
						"is a file (" + url + "), not a folder");
			}
			return new WorkersFolder(location, copy(location, url, resourceLoader), true);
		}
		catch (IOException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, location, "cannot be read: " + ex);
		}
		catch (URISyntaxException ex) {
			throw new InvalidConfigurationPropertyValueException(PROPERTY, location, "is not a valid location: " + ex);
		}
	}

	private static boolean isDirectoryEntry(URL url) throws IOException {
		URLConnection connection = url.openConnection();
		connection.setUseCaches(false);
		if (connection instanceof JarURLConnection jar) {
			return jar.getJarEntry() == null || jar.getJarEntry().isDirectory();
		}
		return url.toString().endsWith("/");
	}

	private static Path copy(String location, URL folderUrl, ResourceLoader resourceLoader) throws IOException {
		Path copy = Files.createTempDirectory("wasm-workers-");
		String base = folderUrl.toString().endsWith("/") ? folderUrl.toString() : folderUrl + "/";
		String pattern = location.endsWith("/") ? location + "**" : location + "/**";
		int files = 0;
		for (Resource resource : new PathMatchingResourcePatternResolver(resourceLoader).getResources(pattern)) {
			String url = resource.getURL().toString();
			if (!url.startsWith(base) || url.endsWith("/")) {
				continue;
			}
			Path target = copy.resolve(UriUtils.decode(url.substring(base.length()), StandardCharsets.UTF_8))
				.normalize();
			if (!target.startsWith(copy) || !resource.isReadable()) {
				continue;
			}
			Files.createDirectories(target.getParent());
			try (InputStream in = resource.getInputStream()) {
				Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
			}
			files++;
		}
		logger.info("Copied {} files of the workers packaged at {} to {}", files, location, copy);
		return copy;
	}

	/**
	 * The value it was resolved from.
	 * @return the configured location
	 */
	String location() {
		return this.location;
	}

	/**
	 * The folder to serve.
	 * @return the absolute, normalised folder
	 */
	Path path() {
		return this.path;
	}

	/**
	 * Whether the folder was named by a {@code classpath:} location, served in place or
	 * copied.
	 * @return whether it comes from the classpath
	 */
	boolean fromClasspath() {
		return this.location.startsWith(ResourceUtils.CLASSPATH_URL_PREFIX);
	}

	/**
	 * Whether the folder is a copy of workers packaged in an archive.
	 * @return whether it is a copy
	 */
	boolean copied() {
		return this.copied;
	}

	/**
	 * Deletes the copy of packaged workers; does nothing for a folder on disk.
	 */
	@Override
	public void close() {
		if (!this.copied) {
			return;
		}
		try (Stream<Path> paths = Files.walk(this.path)) {
			paths.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			logger.warn("Could not delete the copy of the packaged workers {}: {}", this.path, ex.toString());
		}
	}

}
