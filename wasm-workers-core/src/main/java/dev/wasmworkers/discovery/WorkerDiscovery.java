package dev.wasmworkers.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds worker files in a project folder (wws rules §2.1–2.2).
 *
 * <p>
 * A worker is a regular file with one of the extensions anywhere under the root, except
 * inside a folder named exactly {@code public} or {@code .wws} at any depth, and except
 * files and folders whose names start with {@code _}. Hidden folders are searched, as in
 * wws. Beyond wws, and each time with a warning naming the file: files that cannot be
 * read are skipped; a symbolic link to a folder is followed only when the folder lies
 * inside the root, so links out of the root and link loops are skipped; a file whose
 * route would be invalid (see {@link RouteSegment}) is skipped. Symbolic links to files
 * are followed wherever they point, since the server only loads them as modules and never
 * serves their bytes. A file named only by its extension, such as {@code .wasm}, is not a
 * worker.
 *
 * <p>
 * Ignore patterns, as wws's {@code --ignore}, leave out more: a file whose path relative
 * to the root matches one of them is not a worker, and a folder is not searched when a
 * pattern ending in {@code /**} matches it (see {@link IgnoreGlob} for the syntax).
 */
public final class WorkerDiscovery {

	/**
	 * The folder, at any depth, where the server keeps its own files (the compile cache),
	 * as wws did: never served, never searched for workers, never watched.
	 */
	public static final String SERVER_FOLDER = ".wws";

	private static final Logger log = LoggerFactory.getLogger(WorkerDiscovery.class);

	private final Set<String> extensions;

	private final List<IgnoreGlob> ignored;

	/**
	 * Creates a discovery for files with the given extensions, written without the dot,
	 * such as {@code "wasm"}.
	 * @throws IllegalArgumentException when there is no extension, or one is empty or
	 * contains '.', '/' or '\'
	 */
	public WorkerDiscovery(Set<String> extensions) {
		this(extensions, List.of());
	}

	/**
	 * Creates a discovery for files with the given extensions, written without the dot,
	 * such as {@code "wasm"}, that leaves out the paths matching wws ignore patterns,
	 * such as {@code "**}{@code /node_modules/**"}.
	 * @throws IllegalArgumentException when there is no extension, or one is empty or
	 * contains '.', '/' or '\', or when a pattern is invalid (the message names it and
	 * says why)
	 */
	public WorkerDiscovery(Set<String> extensions, List<String> ignorePatterns) {
		if (extensions.isEmpty()) {
			throw new IllegalArgumentException("At least one worker file extension is required");
		}
		for (String extension : extensions) {
			if (extension.isEmpty() || extension.chars().anyMatch(c -> c == '.' || c == '/' || c == '\\')) {
				throw new IllegalArgumentException("Worker file extension '" + extension
						+ "' must be a name without '.', '/' or '\\', such as 'wasm'");
			}
		}
		this.extensions = Set.copyOf(extensions);
		this.ignored = ignorePatterns.stream().map(IgnoreGlob::parse).toList();
	}

	/**
	 * Returns the workers under the root, sorted by relative path so that the result
	 * never depends on the order of the file system.
	 * @param root the project folder
	 * @param prefix the route prefix, already normalised by
	 * {@link RoutePrefix#normalize(String)}
	 * @throws IllegalArgumentException when the root is not a folder or the prefix is not
	 * normalised
	 * @throws UncheckedIOException when the root cannot be read
	 */
	public List<WorkerSource> discover(Path root, String prefix) {
		if (!RoutePrefix.normalize(prefix).equals(prefix)) {
			throw new IllegalArgumentException("Route prefix '" + prefix + "' is not normalised; expected '"
					+ RoutePrefix.normalize(prefix) + "'");
		}
		if (!Files.isDirectory(root)) {
			throw new IllegalArgumentException("Worker folder " + root + " does not exist or is not a folder");
		}
		Path start = root.toAbsolutePath().normalize();
		try {
			Walk walk = new Walk(start, start.toRealPath(), prefix);
			Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, walk);
			walk.found.sort(Comparator.comparing(WorkerSource::relativePath));
			return List.copyOf(walk.found);
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the worker folder " + root, e);
		}
	}

	/** Whether discovery skips a folder of this name, below the project folder. */
	static boolean isExcludedFolder(String name) {
		return name.equals("public") || name.equals(SERVER_FOLDER) || name.startsWith("_");
	}

	/** Visits the project folder and collects the worker files. */
	private final class Walk extends SimpleFileVisitor<Path> {

		private final Path start;

		private final Path realRoot;

		private final String prefix;

		private final List<WorkerSource> found = new ArrayList<>();

		private Walk(Path start, Path realRoot, String prefix) {
			this.start = start;
			this.realRoot = realRoot;
			this.prefix = prefix;
		}

		@Override
		public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
			if (dir.equals(start)) {
				return FileVisitResult.CONTINUE;
			}
			if (isExcludedFolder(dir.getFileName().toString())) {
				return FileVisitResult.SKIP_SUBTREE;
			}
			String relativePath = relativePath(dir);
			if (ignored.stream().anyMatch((glob) -> glob.ignoresEverythingUnder(relativePath))) {
				log.debug("Not searching {}: an ignore pattern covers it", dir);
				return FileVisitResult.SKIP_SUBTREE;
			}
			try {
				if (!dir.toRealPath().startsWith(realRoot)) {
					log.warn("Skipping {}: it links to a folder outside the worker folder {}", dir, start);
					return FileVisitResult.SKIP_SUBTREE;
				}
			}
			catch (IOException e) {
				log.warn("Skipping {}: {}", dir, e.toString());
				return FileVisitResult.SKIP_SUBTREE;
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
			String name = file.getFileName().toString();
			int dot = name.lastIndexOf('.');
			String extension = name.substring(dot + 1);
			if (!attributes.isRegularFile() || name.startsWith("_") || dot <= 0 || !extensions.contains(extension)) {
				return FileVisitResult.CONTINUE;
			}
			String relativePath = relativePath(file);
			if (ignored.stream().anyMatch((glob) -> glob.matches(relativePath))) {
				log.debug("Not a worker: {} matches an ignore pattern", relativePath);
				return FileVisitResult.CONTINUE;
			}
			if (!Files.isReadable(file)) {
				log.warn("Skipping worker {}: the file cannot be read", file);
				return FileVisitResult.CONTINUE;
			}
			try {
				WorkerRoute route = WorkerRoute.parse(FileRoutes.routePath(relativePath, extension, prefix));
				found.add(new WorkerSource(file, relativePath, extension, route));
			}
			catch (IllegalArgumentException e) {
				log.warn("Skipping worker {}: {}", file, e.getMessage());
			}
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult visitFileFailed(Path file, IOException e) {
			log.warn("Skipping {}: {}", file, e.toString());
			return FileVisitResult.CONTINUE;
		}

		@Override
		public FileVisitResult postVisitDirectory(Path dir, IOException e) {
			if (e != null) {
				log.warn("Could not list all of {}: {}", dir, e.toString());
			}
			return FileVisitResult.CONTINUE;
		}

		private String relativePath(Path file) {
			StringJoiner path = new StringJoiner("/");
			start.relativize(file).forEach(component -> path.add(component.toString()));
			return path.toString();
		}

	}

}
