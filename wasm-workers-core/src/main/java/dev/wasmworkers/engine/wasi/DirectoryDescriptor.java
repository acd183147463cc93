package dev.wasmworkers.engine.wasi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A directory: a preopen's root, or a directory the guest opened below it, named by its
 * path from the preopen. Holds no host resource; its listing is taken when the guest
 * reads the directory from the start.
 */
final class DirectoryDescriptor extends Descriptor {

	private final Preopen preopen;

	private final List<String> names;

	private final boolean preopened;

	private @Nullable List<DirectoryEntry> listing;

	private DirectoryDescriptor(Preopen preopen, List<String> names, boolean preopened, long rights,
			long inheritingRights) {
		super(rights, inheritingRights, 0);
		this.preopen = preopen;
		this.names = names;
		this.preopened = preopened;
	}

	/** The root of a preopen, with every right. */
	static DirectoryDescriptor root(Preopen preopen) {
		return new DirectoryDescriptor(preopen, List.of(), true, Rights.DIRECTORY, Rights.DIRECTORY | Rights.FILE);
	}

	/** A directory the guest opened, at the given names below the same preopen. */
	DirectoryDescriptor opened(List<String> names, long rights, long inheritingRights) {
		return new DirectoryDescriptor(this.preopen, names, false, rights & Rights.DIRECTORY,
				inheritingRights & (Rights.DIRECTORY | Rights.FILE));
	}

	@Override
	int fileType() {
		return Rights.DIRECTORY_TYPE;
	}

	@Override
	boolean opened() {
		return !this.preopened;
	}

	/** The preopen, when this is the root of one; else null. */
	@Nullable Preopen preopen() {
		return this.preopened ? this.preopen : null;
	}

	/** The host path of this directory. */
	Path path() {
		return this.preopen.resolve(this.names);
	}

	/** The names, from the preopen, of a guest path relative to this directory. */
	List<String> names(String guestPath, int escaped) {
		if (guestPath.startsWith("/")) {
			throw new ErrnoException(escaped);
		}
		if (guestPath.isEmpty()) {
			throw new ErrnoException(Errno.NOENT);
		}
		List<String> relative = new ArrayList<>();
		for (String name : guestPath.split("/")) {
			if (name.equals("..")) {
				if (relative.isEmpty()) {
					throw new ErrnoException(escaped);
				}
				relative.remove(relative.size() - 1);
			}
			else if (!name.isEmpty() && !name.equals(".")) {
				relative.add(name);
			}
		}
		List<String> names = new ArrayList<>(this.names.size() + relative.size());
		names.addAll(this.names);
		names.addAll(relative);
		return names;
	}

	/** The host path of a path below the preopen, given by its names from the preopen. */
	Path resolveNames(List<String> names) {
		return this.preopen.resolve(names);
	}

	/**
	 * Checks that a symbolic link's target, relative to the link's directory (given by
	 * its names from the preopen), stays inside the preopen; {@code escaped} is the error
	 * number when it is absolute or leads above it.
	 */
	static void requireInside(List<String> linkDirectory, String target, int escaped) {
		if (target.startsWith("/")) {
			throw new ErrnoException(escaped);
		}
		int depth = linkDirectory.size();
		for (String name : target.split("/")) {
			if (name.equals("..")) {
				if (depth == 0) {
					throw new ErrnoException(escaped);
				}
				depth--;
			}
			else if (!name.isEmpty() && !name.equals(".")) {
				depth++;
			}
		}
	}

	/** The listing taken when the guest last read from the start, if any. */
	@Nullable List<DirectoryEntry> listing() {
		return this.listing;
	}

	void setListing(List<DirectoryEntry> listing) {
		this.listing = listing;
	}

}
