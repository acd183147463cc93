package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A path of a {@link ConfinedFileSystem}: Unix syntax, handled lexically, with "/"
 * standing for the host folder.
 *
 * <p>
 * A path may be marked as lying beyond the root: that is how a link whose target is
 * outside the folder reads, and such a path names nothing. Paths derived from it keep the
 * mark.
 */
final class ConfinedPath implements Path {

	private final ConfinedFileSystem fileSystem;

	private final boolean absolute;

	private final List<String> names;

	private final boolean beyondRoot;

	private ConfinedPath(ConfinedFileSystem fileSystem, boolean absolute, List<String> names, boolean beyondRoot) {
		this.fileSystem = fileSystem;
		this.absolute = absolute;
		this.names = List.copyOf(names);
		this.beyondRoot = beyondRoot;
	}

	/**
	 * Parses a path the way the default Unix file system does, joining the parts with
	 * "/".
	 */
	static ConfinedPath parse(ConfinedFileSystem fileSystem, String first, String... more) {
		StringBuilder joined = new StringBuilder(first);
		for (String part : more) {
			if (!part.isEmpty()) {
				joined.append((joined.length() > 0) ? "/" : "").append(part);
			}
		}
		String text = joined.toString();
		if (text.indexOf('\0') >= 0) {
			throw new InvalidPathException(text, "NUL character not allowed");
		}
		List<String> names = new ArrayList<>();
		for (String name : text.split("/")) {
			if (!name.isEmpty()) {
				names.add(name);
			}
		}
		return new ConfinedPath(fileSystem, text.startsWith("/"), names, false);
	}

	/** The names of this path, root excluded. */
	List<String> names() {
		return this.names;
	}

	/** Whether this path is a link target outside the folder, which names nothing. */
	boolean isBeyondRoot() {
		return this.beyondRoot;
	}

	/** This path marked as lying beyond the root. */
	ConfinedPath beyondRoot() {
		return new ConfinedPath(this.fileSystem, this.absolute, this.names, true);
	}

	@Override
	public ConfinedFileSystem getFileSystem() {
		return this.fileSystem;
	}

	@Override
	public boolean isAbsolute() {
		return this.absolute;
	}

	@Override
	public @Nullable Path getRoot() {
		return this.absolute ? derived(true, List.of()) : null;
	}

	@Override
	public @Nullable Path getFileName() {
		return this.names.isEmpty() ? null : derived(false, List.of(this.names.get(this.names.size() - 1)));
	}

	@Override
	public @Nullable Path getParent() {
		if (this.names.size() <= 1) {
			return this.names.isEmpty() ? null : getRoot();
		}
		return derived(this.absolute, this.names.subList(0, this.names.size() - 1));
	}

	@Override
	public int getNameCount() {
		return this.names.size();
	}

	@Override
	public Path getName(int index) {
		return subpath(index, index + 1);
	}

	@Override
	public Path subpath(int beginIndex, int endIndex) {
		if (beginIndex < 0 || endIndex > this.names.size() || beginIndex >= endIndex) {
			throw new IllegalArgumentException(
					"no names " + beginIndex + " to " + endIndex + " in " + this.names.size() + " names");
		}
		return derived(false, this.names.subList(beginIndex, endIndex));
	}

	@Override
	public boolean startsWith(Path other) {
		if (!(other instanceof ConfinedPath prefix) || prefix.fileSystem != this.fileSystem) {
			return false;
		}
		return prefix.absolute == this.absolute && prefix.names.size() <= this.names.size()
				&& this.names.subList(0, prefix.names.size()).equals(prefix.names);
	}

	@Override
	public boolean endsWith(Path other) {
		if (!(other instanceof ConfinedPath suffix) || suffix.fileSystem != this.fileSystem) {
			return false;
		}
		if (suffix.absolute) {
			return this.absolute && this.names.equals(suffix.names);
		}
		int start = this.names.size() - suffix.names.size();
		return start >= 0 && this.names.subList(start, this.names.size()).equals(suffix.names);
	}

	/**
	 * Removes "." and resolves ".." lexically; ".." at the root of an absolute path stays
	 * at the root.
	 */
	@Override
	public Path normalize() {
		List<String> normal = new ArrayList<>();
		for (String name : this.names) {
			if (name.equals("..")) {
				if (!normal.isEmpty() && !normal.get(normal.size() - 1).equals("..")) {
					normal.remove(normal.size() - 1);
				}
				else if (!this.absolute) {
					normal.add(name);
				}
			}
			else if (!name.equals(".")) {
				normal.add(name);
			}
		}
		return derived(this.absolute, normal);
	}

	@Override
	public Path resolve(Path other) {
		ConfinedPath relative = this.fileSystem.confined(other);
		if (relative.absolute) {
			return relative;
		}
		List<String> joined = new ArrayList<>(this.names);
		joined.addAll(relative.names);
		return new ConfinedPath(this.fileSystem, this.absolute, joined, this.beyondRoot || relative.beyondRoot);
	}

	@Override
	public Path relativize(Path other) {
		ConfinedPath target = this.fileSystem.confined(other);
		if (target.absolute != this.absolute) {
			throw new IllegalArgumentException("cannot relativize " + other + " against " + this);
		}
		int common = 0;
		while (common < this.names.size() && common < target.names.size()
				&& this.names.get(common).equals(target.names.get(common))) {
			common++;
		}
		List<String> steps = new ArrayList<>();
		for (int i = common; i < this.names.size(); i++) {
			steps.add("..");
		}
		steps.addAll(target.names.subList(common, target.names.size()));
		return new ConfinedPath(this.fileSystem, false, steps, this.beyondRoot || target.beyondRoot);
	}

	@Override
	public URI toUri() {
		try {
			return new URI(ConfinedProvider.SCHEME, null, toAbsolutePath().toString(), null);
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("no URI for " + this, ex);
		}
	}

	@Override
	public Path toAbsolutePath() {
		return this.absolute ? this : derived(true, this.names);
	}

	@Override
	public Path toRealPath(LinkOption... options) throws IOException {
		return this.fileSystem.realPath(this, options);
	}

	@Override
	public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
		throw new UnsupportedOperationException("a confined file system cannot be watched");
	}

	@Override
	public int compareTo(Path other) {
		return toString().compareTo(other.toString());
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ConfinedPath path && path.fileSystem == this.fileSystem
				&& path.absolute == this.absolute && path.names.equals(this.names)
				&& path.beyondRoot == this.beyondRoot;
	}

	@Override
	public int hashCode() {
		return Objects.hash(System.identityHashCode(this.fileSystem), this.absolute, this.names, this.beyondRoot);
	}

	@Override
	public String toString() {
		return (this.absolute ? "/" : "") + String.join("/", this.names);
	}

	private ConfinedPath derived(boolean absolute, List<String> names) {
		return new ConfinedPath(this.fileSystem, absolute, names, this.beyondRoot);
	}

}
