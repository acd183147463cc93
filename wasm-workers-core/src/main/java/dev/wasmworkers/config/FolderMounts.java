package dev.wasmworkers.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Turns the {@code [[folders]]} entries of a config file into mounts.
 *
 * <p>
 * As in wws, a relative {@code from} is resolved against the folder of the worker file
 * and may use {@code /} or {@code \} as separators; unlike wws, which checks nothing
 * until a request fails, the folder must exist when the file is read, an absolute
 * {@code from} is used as it is, {@code to} must be an absolute guest path and no two
 * entries may mount at the same guest path.
 */
final class FolderMounts {

	private FolderMounts() {
	}

	/**
	 * The mounts of the entries, in order.
	 * @param entries the {@code [[folders]]} tables
	 * @param workerFolder the absolute folder of the worker file
	 * @param packaged the copy of packaged workers no entry may mount, or {@code null}
	 * @throws WorkerConfigException when an entry lacks {@code from} or {@code to}, names
	 * a folder that does not exist or lies in the packaged copy, or repeats a guest path
	 */
	static List<FolderMount> of(List<ConfigTable> entries, Path workerFolder, @Nullable PackagedFolder packaged)
			throws WorkerConfigException {
		List<FolderMount> mounts = new ArrayList<>();
		Map<String, ConfigTable> guestPaths = new HashMap<>();
		for (ConfigTable entry : entries) {
			Path from = hostFolder(entry, workerFolder);
			if (packaged != null && from.startsWith(packaged.copy())) {
				throw entry.problem("from",
						"names " + from + ", inside the workers packaged in the application (" + packaged.location()
								+ "): a packaged folder cannot be mounted, mount a folder on disk instead");
			}
			String to = entry.requiredString("to");
			if (!to.startsWith("/")) {
				throw entry.problem("to", "must be an absolute guest path starting with '/', such as \"/data\"");
			}
			ConfigTable earlier = guestPaths.putIfAbsent(withoutTrailingSlashes(to), entry);
			if (earlier != null) {
				throw entry.problem("to", "repeats the guest path " + to + " of " + earlier.path());
			}
			mounts.add(new FolderMount(from, to));
		}
		return mounts;
	}

	private static Path hostFolder(ConfigTable entry, Path workerFolder) throws WorkerConfigException {
		String from = entry.requiredString("from");
		Path folder;
		try {
			folder = workerFolder.resolve(from.replace('\\', '/')).normalize();
		}
		catch (InvalidPathException ex) {
			throw entry.problem("from", "is not a valid path: " + ex.getMessage());
		}
		if (!Files.isDirectory(folder)) {
			throw entry.problem("from", "names " + folder + ", which does not exist or is not a folder");
		}
		return folder;
	}

	private static String withoutTrailingSlashes(String guestPath) {
		String path = guestPath;
		while (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return path;
	}

}
