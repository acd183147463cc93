package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchService;
import java.nio.file.LinkOption;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.List;
import java.util.Set;

/**
 * A file system whose "/" is a host folder, read and written in place, that no path,
 * {@code ..} or symbolic link can lead out of.
 *
 * <p>
 * Paths are mapped lexically onto the folder, {@code ..} stopping at "/". Links are
 * followed only where they stay inside the folder; a link that leads out reads as a
 * missing file. Links made through this file system store their target relative to their
 * own directory. Calls are checked and done under one lock per JVM, which orders them
 * against each other but not against other processes changing the folder.
 */
public final class ConfinedFileSystem extends FileSystem {

	private final Path root;

	private final ConfinedProvider provider;

	private ConfinedFileSystem(Path root) {
		this.root = root;
		this.provider = new ConfinedProvider(this, root);
	}

	/**
	 * Confines a host folder, which must exist and be a directory, taking its real path
	 * now.
	 */
	public static ConfinedFileSystem confine(Path hostFolder) throws IOException {
		Path root = hostFolder.toRealPath();
		if (!Files.isDirectory(root)) {
			throw new NotDirectoryException(hostFolder.toString());
		}
		return new ConfinedFileSystem(root);
	}

	@Override
	public FileSystemProvider provider() {
		return this.provider;
	}

	/** Always fails: like the default file system, a confined one stays open. */
	@Override
	public void close() {
		throw new UnsupportedOperationException("a confined file system stays open");
	}

	@Override
	public boolean isOpen() {
		return true;
	}

	@Override
	public boolean isReadOnly() {
		return false;
	}

	@Override
	public String getSeparator() {
		return "/";
	}

	@Override
	public Iterable<Path> getRootDirectories() {
		return List.of(getPath("/"));
	}

	@Override
	public Iterable<FileStore> getFileStores() {
		try {
			return List.of(this.provider.getFileStore(getPath("/")));
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	@Override
	public Set<String> supportedFileAttributeViews() {
		return this.root.getFileSystem().supportedFileAttributeViews();
	}

	@Override
	public Path getPath(String first, String... more) {
		return ConfinedPath.parse(this, first, more);
	}

	@Override
	public PathMatcher getPathMatcher(String syntaxAndPattern) {
		return this.root.getFileSystem().getPathMatcher(syntaxAndPattern);
	}

	@Override
	public UserPrincipalLookupService getUserPrincipalLookupService() {
		throw new UnsupportedOperationException("a confined file system looks up no users");
	}

	@Override
	public WatchService newWatchService() {
		throw new UnsupportedOperationException("a confined file system cannot be watched");
	}

	/** The real path of a file inside the folder, as {@link Path#toRealPath} gives it. */
	Path realPath(ConfinedPath path, LinkOption... options) throws IOException {
		return this.provider.realPath(path, options);
	}

	/** A path of this file system, else a {@link ProviderMismatchException}. */
	ConfinedPath confined(Path path) {
		if (path instanceof ConfinedPath confined && confined.getFileSystem() == this) {
			return confined;
		}
		throw new ProviderMismatchException("not a path of this confined file system: " + path);
	}

}
