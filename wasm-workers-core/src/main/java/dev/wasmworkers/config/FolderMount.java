package dev.wasmworkers.config;

import java.nio.file.Path;

/**
 * A host folder mounted into the worker at a guest path.
 *
 * @param from the host folder: absolute, normalised, resolved against the folder of the
 * worker file
 * @param to the absolute guest path the folder is mounted at, such as {@code /data}
 */
public record FolderMount(Path from, String to) {

	/**
	 * Creates a mount, checking that both paths are absolute.
	 * @throws IllegalArgumentException when {@code from} is not absolute or {@code to}
	 * does not start with {@code /}
	 */
	public FolderMount {
		if (!from.isAbsolute()) {
			throw new IllegalArgumentException("Host folder " + from + " must be an absolute path");
		}
		if (!to.startsWith("/")) {
			throw new IllegalArgumentException("Guest path '" + to + "' must start with '/'");
		}
	}

}
