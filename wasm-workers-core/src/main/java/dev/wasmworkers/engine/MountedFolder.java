package dev.wasmworkers.engine;

import dev.wasmworkers.engine.fs.ConfinedFileSystem;
import dev.wasmworkers.engine.wasi.Preopen;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** A host folder made visible to a worker at a guest path, confined to that folder. */
public final class MountedFolder {

	private final Path hostFolder;

	private final String guestPath;

	private final Path confinedRoot;

	private final Preopen preopen;

	private MountedFolder(Path hostFolder, String guestPath, Path confinedRoot) {
		this.hostFolder = hostFolder;
		this.guestPath = guestPath;
		this.confinedRoot = confinedRoot;
		this.preopen = Preopen.of(guestPath, confinedRoot);
	}

	/**
	 * Prepares the mount once: the host folder must exist and be a directory
	 * (IllegalArgumentException naming it otherwise); guestPath must be absolute.
	 */
	public static MountedFolder of(Path hostFolder, String guestPath) {
		Objects.requireNonNull(hostFolder, "hostFolder");
		Objects.requireNonNull(guestPath, "guestPath");
		if (!guestPath.startsWith("/")) {
			throw new IllegalArgumentException(
					"The guest path of mounted folder " + hostFolder + " must be absolute but was '" + guestPath + "'");
		}
		if (!Files.isDirectory(hostFolder)) {
			throw new IllegalArgumentException(
					"Mounted folder " + hostFolder + " does not exist or is not a directory");
		}
		try {
			return new MountedFolder(hostFolder, guestPath, ConfinedFileSystem.confine(hostFolder).getPath("/"));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Mounted folder " + hostFolder + " cannot be opened: " + ex, ex);
		}
	}

	/** The host folder, as given. */
	public Path hostFolder() {
		return this.hostFolder;
	}

	/** The absolute path at which the worker sees the folder. */
	public String guestPath() {
		return this.guestPath;
	}

	/**
	 * The root of the folder's confined file system, to mount below another preopen with
	 * {@link Preopen#withMount(String, Path)}.
	 * @return the root path, on a file system that keeps every path inside the folder
	 */
	public Path confinedRoot() {
		return this.confinedRoot;
	}

	/** The folder as a preopen at its guest path. */
	Preopen preopen() {
		return this.preopen;
	}

	@Override
	public String toString() {
		return "MountedFolder[" + this.hostFolder + " at " + this.guestPath + "]";
	}

}
