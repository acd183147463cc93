package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Maps paths of a confined file system onto the host folder and refuses, as missing
 * files, those that resolve outside it.
 *
 * <p>
 * The mapping is lexical ({@code ..} stops at the root); the check is on real paths, so
 * that links are judged by where they lead. Callers hold the {@link NamespaceLock} from
 * the check until they have used its result.
 */
final class Confinement {

	private final Path root;

	/** Confines paths to a folder given by its real path. */
	Confinement(Path root) {
		this.root = root;
	}

	/** The host path a path names lexically, links not followed. */
	Path lexical(ConfinedPath path) throws NoSuchFileException {
		if (path.isBeyondRoot()) {
			throw new NoSuchFileException(path.toString());
		}
		ConfinedPath normal = (ConfinedPath) path.toAbsolutePath().normalize();
		return this.root.resolve(String.join("/", normal.names()));
	}

	/** The real path of the file a path names, every link followed, if it is inside. */
	Path followed(ConfinedPath path) throws IOException {
		return inside(lexical(path).toRealPath(), path);
	}

	/**
	 * The real path of a path's parent, if it is inside, with the last name appended and
	 * not followed; the root for the root.
	 */
	Path unfollowed(ConfinedPath path) throws IOException {
		Path host = lexical(path);
		if (host.equals(this.root)) {
			return this.root;
		}
		return inside(host.getParent().toRealPath(), path).resolve(host.getFileName());
	}

	/**
	 * Like {@link #unfollowed}, for a name to add, remove or rename, which the root is
	 * not.
	 */
	Path entry(ConfinedPath path) throws IOException {
		Path host = unfollowed(path);
		if (host.equals(this.root)) {
			throw new AccessDeniedException(path.toString(), null, "the root of a mounted folder");
		}
		return host;
	}

	/**
	 * Where to open a path: the followed real path of an existing file, else where a new
	 * file would be created, unless a link is there.
	 */
	Path openable(ConfinedPath path) throws IOException {
		try {
			return followed(path);
		}
		catch (NoSuchFileException missing) {
			Path created = unfollowed(path);
			if (Files.isSymbolicLink(created)) {
				throw missing;
			}
			return created;
		}
	}

	/**
	 * The path of the confined file system that names a host path, marked beyond the root
	 * when the host path is outside.
	 */
	ConfinedPath confined(ConfinedFileSystem fileSystem, Path host) {
		Path normal = host.normalize();
		ConfinedPath path = (ConfinedPath) fileSystem.getPath("/", this.root.relativize(normal).toString());
		return normal.startsWith(this.root) ? path : path.beyondRoot();
	}

	/**
	 * What to store in a link at a host path so that it leads to a target: the target's
	 * host path, relative to the link's directory.
	 */
	Path storedTarget(Path hostLink, ConfinedPath link, ConfinedPath target) throws NoSuchFileException {
		Path hostTarget = lexical((ConfinedPath) link.toAbsolutePath().resolveSibling(target));
		Path relative = hostLink.getParent().relativize(hostTarget);
		return relative.toString().isEmpty() ? relative.resolve(".") : relative;
	}

	private Path inside(Path real, ConfinedPath path) throws NoSuchFileException {
		if (!real.startsWith(this.root)) {
			throw new NoSuchFileException(path.toString());
		}
		return real;
	}

}
