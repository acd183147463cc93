package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A directory the guest finds open when it starts (a WASI preopen), at an absolute guest
 * path such as {@code /data}: a root folder, and optionally further folders mounted at
 * names below it.
 *
 * <p>
 * The root and every mounted folder must be paths of a file system that keeps the guest
 * inside, such as the root of a {@link dev.wasmworkers.engine.fs.ConfinedFileSystem}: the
 * guest's paths are resolved lexically here ({@code ..} never leads above the preopen),
 * then handed to that file system. A path below a mount name is resolved in the mounted
 * folder; every other path in the root folder, where each mount name is an (empty)
 * directory, so that listings show it. A rename or link from one folder to another fails
 * with {@code EXDEV}; a link in the root folder never leads into a mounted one.
 *
 * <p>
 * Immutable and thread-safe: build it once, give it to every run.
 */
public final class Preopen {

	private final String guestPath;

	private final byte[] guestPathBytes;

	private final Path root;

	private final List<Mount> mounts;

	private Preopen(String guestPath, Path root, List<Mount> mounts) {
		this.guestPath = guestPath;
		this.guestPathBytes = guestPath.getBytes(StandardCharsets.UTF_8);
		this.root = root;
		this.mounts = mounts;
	}

	/**
	 * A preopen of one folder.
	 * @param guestPath the absolute path at which the guest sees the folder
	 * @param root the folder, for example the root of a confined file system
	 * @return the preopen
	 * @throws IllegalArgumentException when the guest path is not absolute or the root is
	 * not a directory
	 */
	public static Preopen of(String guestPath, Path root) {
		Objects.requireNonNull(guestPath, "guestPath");
		Objects.requireNonNull(root, "root");
		if (!guestPath.startsWith("/")) {
			throw new IllegalArgumentException(
					"The guest path of a preopen must be absolute but was '" + guestPath + "'");
		}
		requireDirectory(root);
		return new Preopen(guestPath, root, List.of());
	}

	/**
	 * This preopen with one more folder mounted below its root. The mount name becomes an
	 * empty directory in the root folder when it is not one yet.
	 * @param name the relative path of the mount in the guest's view, such as
	 * {@code data} or {@code files/images}; no {@code .} or {@code ..}
	 * @param folder the mounted folder, for example the root of a confined file system
	 * @return the new preopen
	 * @throws IOException when the mount's directory cannot be made in the root folder
	 * @throws IllegalArgumentException when the name is not a plain relative path, is
	 * already mounted, or the folder is not a directory
	 */
	public Preopen withMount(String name, Path folder) throws IOException {
		List<String> names = mountNames(name);
		requireDirectory(folder);
		for (Mount mount : this.mounts) {
			if (mount.names().equals(names)) {
				throw new IllegalArgumentException("Two folders are mounted at " + name + " in " + this.guestPath);
			}
		}
		Path point = this.root.resolve(String.join("/", names));
		if (!Files.isDirectory(point, LinkOption.NOFOLLOW_LINKS)) {
			Files.createDirectories(point);
		}
		List<Mount> mounts = new ArrayList<>(this.mounts);
		mounts.add(new Mount(names, folder));
		mounts.sort(Comparator.comparingInt((Mount mount) -> mount.names().size()).reversed());
		return new Preopen(this.guestPath, this.root, List.copyOf(mounts));
	}

	/** The absolute path at which the guest sees this directory. */
	public String guestPath() {
		return this.guestPath;
	}

	/** The guest path in UTF-8, as {@code fd_prestat_dir_name} gives it. */
	byte[] guestPathBytes() {
		return this.guestPathBytes;
	}

	/**
	 * The host path of a path below this preopen, given by its names (no {@code .} or
	 * {@code ..} left).
	 */
	Path resolve(List<String> names) {
		for (Mount mount : this.mounts) {
			if (names.size() >= mount.names().size() && names.subList(0, mount.names().size()).equals(mount.names())) {
				return join(mount.folder(), names.subList(mount.names().size(), names.size()));
			}
		}
		return join(this.root, names);
	}

	@Override
	public String toString() {
		return "Preopen[" + this.guestPath + " -> " + this.root + ((this.mounts.isEmpty()) ? "" : ", " + this.mounts)
				+ "]";
	}

	private static Path join(Path folder, List<String> names) {
		return names.isEmpty() ? folder : folder.resolve(String.join("/", names));
	}

	private static List<String> mountNames(String name) {
		List<String> names = new ArrayList<>();
		for (String part : name.split("/", -1)) {
			if (part.isEmpty() || part.equals(".") || part.equals("..")) {
				throw new IllegalArgumentException(
						"A mount name must be a relative path of plain names, such as data/images, but was '" + name
								+ "'");
			}
			names.add(part);
		}
		return List.copyOf(names);
	}

	private static void requireDirectory(Path folder) {
		if (!Files.isDirectory(folder)) {
			throw new IllegalArgumentException("Not a directory: " + folder);
		}
	}

	/** A folder mounted at the given names below the root. */
	private record Mount(List<String> names, Path folder) {

		@Override
		public String toString() {
			return String.join("/", this.names) + " -> " + this.folder;
		}

	}

}
