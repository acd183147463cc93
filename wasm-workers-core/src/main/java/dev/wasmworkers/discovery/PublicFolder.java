package dev.wasmworkers.discovery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Serves files from the project's root public/ folder, confined to it.
 *
 * <p>
 * A request path names a file exactly, or a folder whose {@code index.html} is served; as
 * in wws since v1.6.1, {@code /about} does not fall back to {@code about.html}. Paths
 * with {@code .} or {@code ..} segments, backslashes or NUL characters are refused, and
 * every file is resolved through its symbolic links and served only when its real path
 * lies inside the real public folder. Hidden files such as {@code .well-known/} are
 * served, as wws serves them.
 */
public final class PublicFolder {

	private static final String INDEX = "index.html";

	private static final String NOT_FOUND_PAGE = "404.html";

	private final Path realRoot;

	private PublicFolder(Path realRoot) {
		this.realRoot = realRoot;
	}

	/**
	 * Returns the public folder of the project, or empty when {@code <root>/public} does
	 * not exist or is not a folder.
	 * @throws UncheckedIOException when the folder exists but its real path cannot be
	 * read
	 */
	public static Optional<PublicFolder> of(Path projectRoot) {
		Path folder = projectRoot.resolve("public");
		if (!Files.isDirectory(folder)) {
			return Optional.empty();
		}
		try {
			return Optional.of(new PublicFolder(folder.toRealPath()));
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot read the public folder " + folder, e);
		}
	}

	/**
	 * Returns the real path of the file for a decoded, normalised request path without
	 * the prefix: the file itself, or {@code index.html} inside a folder ({@code ""} and
	 * {@code "/"} give {@code public/index.html}).
	 */
	public Optional<Path> resolve(String requestPath) {
		if (requestPath.indexOf('\0') >= 0 || requestPath.indexOf('\\') >= 0) {
			return Optional.empty();
		}
		Path candidate = realRoot;
		for (String segment : requestPath.split("/")) {
			if (segment.equals(".") || segment.equals("..")) {
				return Optional.empty();
			}
			if (!segment.isEmpty()) {
				try {
					candidate = candidate.resolve(segment);
				}
				catch (InvalidPathException e) {
					return Optional.empty();
				}
			}
		}
		return confinedFile(Files.isDirectory(candidate) ? candidate.resolve(INDEX) : candidate);
	}

	/** Returns the real path of {@code public/404.html} when it exists. */
	public Optional<Path> notFoundPage() {
		return confinedFile(realRoot.resolve(NOT_FOUND_PAGE));
	}

	private Optional<Path> confinedFile(Path candidate) {
		try {
			Path real = candidate.toRealPath();
			return real.startsWith(realRoot) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
		}
		catch (IOException e) {
			return Optional.empty();
		}
	}

}
