package dev.wasmworkers.discovery;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files of a project folder that wws would treat as workers, or as part of one,
 * but that this server does not serve: sources of languages that wws runs with a runtime
 * or that must be compiled first, and the wws runtimes manifest. ({@code .py} files are
 * always workers: without the Python runtime module, each fails to load naming the
 * dependency to add.) They are named once at start-up, so that a wws user knows why such
 * a route answers 404.
 * <p>
 * The folders that discovery skips ({@code public}, {@code .wws}, names starting with
 * {@code _}) are skipped here too, and an extension that a configured runtime serves is
 * never reported.
 */
public final class UnservedFiles {

	private static final Logger logger = LoggerFactory.getLogger(UnservedFiles.class);

	private static final String MANIFEST = ".wws.toml";

	private static final Map<String, String> REASONS = Map.of("rb",
			"a Ruby worker: wws runs it with a Ruby runtime, and no Ruby runtime is available here", "go",
			"Go source: compile it to a .wasm worker (TinyGo with the wws Go kit)", "zig",
			"Zig source: compile it to a .wasm worker (with the wws Zig kit)");

	private UnservedFiles() {
	}

	/**
	 * Finds the unserved files under a folder.
	 * @param root the project folder
	 * @param servedExtensions the extensions some runtime serves, without the dot
	 * @return each file, relative to the root with {@code /} separators, and why it is
	 * not served, sorted by path
	 */
	public static List<String> find(Path root, Set<String> servedExtensions) {
		List<String> found = new ArrayList<>();
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
					String name = (dir.getFileName() != null) ? dir.getFileName().toString() : "";
					boolean skipped = !dir.equals(root) && WorkerDiscovery.isExcludedFolder(name);
					return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					String name = file.getFileName().toString();
					String reason = reason(name, servedExtensions);
					if (reason != null && !name.startsWith("_")) {
						found.add(relative(root, file) + " (" + reason + ")");
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
			logger.debug("Could not look for unserved files in {}: {}", root, ex.toString());
		}
		found.sort(null);
		return found;
	}

	/**
	 * Logs the unserved files under a folder at INFO, in one message, when there are
	 * some.
	 * @param root the project folder
	 * @param servedExtensions the extensions some runtime serves, without the dot
	 */
	public static void report(Path root, Set<String> servedExtensions) {
		List<String> files = find(root, servedExtensions);
		if (!files.isEmpty()) {
			StringJoiner lines = new StringJoiner(System.lineSeparator() + "    ", System.lineSeparator() + "    ", "");
			files.forEach(lines::add);
			logger.info("{} files in {} look like wws workers but are not workers here (only {} files are):{}",
					files.size(), root, extensions(servedExtensions), lines);
		}
	}

	private static @Nullable String reason(String name, Set<String> servedExtensions) {
		if (name.equals(MANIFEST)) {
			return "the wws runtimes manifest: ignored, language runtimes are modules of this server";
		}
		int dot = name.lastIndexOf('.');
		if (dot <= 0) {
			return null;
		}
		String extension = name.substring(dot + 1).toLowerCase(Locale.ROOT);
		return servedExtensions.contains(extension) ? null : REASONS.get(extension);
	}

	private static String extensions(Set<String> servedExtensions) {
		StringJoiner joined = new StringJoiner(", ");
		servedExtensions.stream().sorted().forEach((extension) -> joined.add("." + extension));
		return joined.toString();
	}

	private static String relative(Path root, Path file) {
		StringJoiner path = new StringJoiner("/");
		root.relativize(file).forEach((component) -> path.add(component.toString()));
		return path.toString();
	}

}
