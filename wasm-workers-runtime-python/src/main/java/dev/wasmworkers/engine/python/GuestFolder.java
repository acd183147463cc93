package dev.wasmworkers.engine.python;

import dev.wasmworkers.engine.MountedFolder;
import dev.wasmworkers.engine.wasi.Preopen;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one folder the runtime sees, as {@value #ROOT}: the shim {@code guest.py} and the
 * worker's mounted folders, each at its guest path under {@value #ROOT}.
 *
 * <p>
 * The runtime's C library took its table of preopened folders when the runtime was
 * pre-initialised, with {@value #ROOT} as the only entry, so no other folder can be seen:
 * a mount whose guest path is {@code /src/assets} is seen at {@code /guest/src/assets},
 * and one already under {@value #ROOT} where it says.
 *
 * <p>
 * One preopen of the engine's WASI: a temporary host folder per worker holding
 * {@code guest.py} (deleted when the JVM exits), with each mounted folder's confined file
 * system mounted below it, so that no path, link or {@code ..} leads out of a mount.
 */
final class GuestFolder {

	/** The runtime's only preopened folder, as the guest sees it. */
	static final String ROOT = "/guest";

	/** The file name of the shim, the module the runtime imports. */
	static final String SHIM = "guest.py";

	private GuestFolder() {
	}

	/**
	 * Creates the folder of one worker.
	 * @param mounts the worker's mounted folders
	 * @return the preopen the runtime sees as {@value #ROOT}
	 * @throws IllegalArgumentException when a mount would be at {@value #ROOT} itself, at
	 * the shim's place, or inside another mount
	 * @throws IOException when the folder cannot be created
	 */
	static Preopen create(List<MountedFolder> mounts) throws IOException {
		List<String> locations = new ArrayList<>();
		for (MountedFolder mount : mounts) {
			String location = location(mount.guestPath());
			if (location.isEmpty() || location.equals(SHIM)) {
				throw new IllegalArgumentException("A Python worker cannot mount " + mount.hostFolder() + " at "
						+ mount.guestPath() + ": that is the runtime's own folder; mount it at a sub-folder");
			}
			for (String other : locations) {
				if (location.startsWith(other + "/") || other.startsWith(location + "/")) {
					throw new IllegalArgumentException("A Python worker cannot mount folders inside each other: "
							+ mount.guestPath() + " and " + ROOT + "/" + other);
				}
			}
			locations.add(location);
		}
		Path folder = Files.createTempDirectory("wasm-workers-python-");
		folder.toFile().deleteOnExit();
		Path shim = folder.resolve(SHIM);
		Files.write(shim, shim());
		shim.toFile().deleteOnExit();
		Preopen preopen = Preopen.of(ROOT, MountedFolder.of(folder, ROOT).confinedRoot());
		for (int i = 0; i < mounts.size(); i++) {
			createDirectories(folder, folder.resolve(locations.get(i)));
			preopen = preopen.withMount(locations.get(i), mounts.get(i).confinedRoot());
		}
		return preopen;
	}

	/**
	 * Where the guest sees a guest path of the worker's configuration: under
	 * {@value #ROOT}.
	 * @param guestPath an absolute path, such as {@code /src/assets}
	 * @return the path under {@value #ROOT}, such as {@code /guest/src/assets}
	 */
	static String seenAt(String guestPath) {
		String location = location(guestPath);
		return location.isEmpty() ? ROOT : ROOT + "/" + location;
	}

	/** The path relative to the folder, without leading or trailing slashes. */
	private static String location(String guestPath) {
		String path = Path.of(guestPath).normalize().toString().replace('\\', '/');
		if (path.equals(ROOT) || path.startsWith(ROOT + "/")) {
			path = path.substring(ROOT.length());
		}
		return path.replaceAll("^/+|/+$", "");
	}

	/** Creates a mount point and the folders above it, each deleted on exit. */
	private static void createDirectories(Path folder, Path mountPoint) throws IOException {
		List<Path> missing = new ArrayList<>();
		for (Path parent = mountPoint; !parent.equals(folder); parent = parent.getParent()) {
			missing.add(0, parent);
		}
		for (Path parent : missing) {
			if (!Files.isDirectory(parent)) {
				Files.createDirectory(parent);
				parent.toFile().deleteOnExit();
			}
		}
	}

	private static byte[] shim() {
		try (InputStream in = GuestFolder.class.getResourceAsStream(SHIM)) {
			if (in == null) {
				throw new IllegalStateException("Resource " + SHIM + " is missing");
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
