package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.spi.FileSystemProvider;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Carries out the file operations of one confined file system on the host folder, each
 * one checked by its {@link Confinement} and done under the {@link NamespaceLock}.
 *
 * <p>
 * Calls that follow links need the real path to be inside; calls that do not (create,
 * remove, rename, link, {@code NOFOLLOW_LINKS} reads) need the parent's real path to be
 * inside. Opens never follow a last name that is a link. Renames drop
 * {@code COPY_ATTRIBUTES}, which the host cannot do on a move.
 */
final class ConfinedProvider extends FileSystemProvider {

	/** The URI scheme of confined paths. */
	static final String SCHEME = "confined";

	private final ConfinedFileSystem fileSystem;

	private final Confinement confinement;

	private final FileSystemProvider host;

	/** Creates the provider of a file system confined to a folder's real path. */
	ConfinedProvider(ConfinedFileSystem fileSystem, Path root) {
		this.fileSystem = fileSystem;
		this.confinement = new Confinement(root);
		this.host = root.getFileSystem().provider();
	}

	@Override
	public String getScheme() {
		return SCHEME;
	}

	@Override
	public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
		throw new UnsupportedOperationException("confined file systems are made by ConfinedFileSystem.confine");
	}

	@Override
	public FileSystem getFileSystem(URI uri) {
		throw new UnsupportedOperationException("confined file systems cannot be looked up by URI");
	}

	@Override
	public Path getPath(URI uri) {
		throw new UnsupportedOperationException("confined file systems cannot be looked up by URI");
	}

	@Override
	public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attributes)
			throws IOException {
		ConfinedPath file = this.fileSystem.confined(path);
		Set<OpenOption> noFollow = new HashSet<>(options);
		noFollow.add(LinkOption.NOFOLLOW_LINKS);
		return NamespaceLock
			.reading(() -> this.host.newFileChannel(this.confinement.openable(file), noFollow, attributes));
	}

	@Override
	public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
			FileAttribute<?>... attributes) throws IOException {
		return newFileChannel(path, options, attributes);
	}

	@Override
	public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
			throws IOException {
		ConfinedPath directory = this.fileSystem.confined(dir);
		DirectoryStream<Path> entries = NamespaceLock
			.reading(() -> this.host.newDirectoryStream(this.confinement.followed(directory),
					(entry) -> filter.accept(ConfinedEntries.entry(directory, entry))));
		return new ConfinedEntries(directory, entries);
	}

	@Override
	public void createDirectory(Path dir, FileAttribute<?>... attributes) throws IOException {
		ConfinedPath directory = this.fileSystem.confined(dir);
		NamespaceLock.writing(() -> this.host.createDirectory(this.confinement.entry(directory), attributes));
	}

	@Override
	public void createSymbolicLink(Path link, Path target, FileAttribute<?>... attributes) throws IOException {
		ConfinedPath confinedLink = this.fileSystem.confined(link);
		ConfinedPath confinedTarget = this.fileSystem.confined(target);
		NamespaceLock.writing(() -> {
			Path hostLink = this.confinement.entry(confinedLink);
			Path stored = this.confinement.storedTarget(hostLink, confinedLink, confinedTarget);
			this.host.createSymbolicLink(hostLink, stored, attributes);
		});
	}

	@Override
	public void createLink(Path link, Path existing) throws IOException {
		ConfinedPath confinedLink = this.fileSystem.confined(link);
		ConfinedPath confinedExisting = this.fileSystem.confined(existing);
		NamespaceLock.writing(() -> this.host.createLink(this.confinement.entry(confinedLink),
				this.confinement.unfollowed(confinedExisting)));
	}

	@Override
	public Path readSymbolicLink(Path link) throws IOException {
		ConfinedPath confinedLink = this.fileSystem.confined(link);
		return NamespaceLock.reading(() -> {
			Path hostLink = this.confinement.unfollowed(confinedLink);
			Path stored = this.host.readSymbolicLink(hostLink);
			return this.confinement.confined(this.fileSystem, hostLink.resolveSibling(stored));
		});
	}

	@Override
	public void delete(Path path) throws IOException {
		ConfinedPath file = this.fileSystem.confined(path);
		NamespaceLock.writing(() -> this.host.delete(this.confinement.entry(file)));
	}

	@Override
	public void copy(Path source, Path target, CopyOption... options) throws IOException {
		ConfinedPath from = this.fileSystem.confined(source);
		ConfinedPath to = this.fileSystem.confined(target);
		NamespaceLock
			.writing(() -> this.host.copy(resolved(from, Arrays.asList(options)), this.confinement.entry(to), options));
	}

	@Override
	public void move(Path source, Path target, CopyOption... options) throws IOException {
		ConfinedPath from = this.fileSystem.confined(source);
		ConfinedPath to = this.fileSystem.confined(target);
		CopyOption[] hostOptions = Arrays.stream(options)
			.filter((option) -> option != StandardCopyOption.COPY_ATTRIBUTES)
			.toArray(CopyOption[]::new);
		NamespaceLock
			.writing(() -> this.host.move(this.confinement.entry(from), this.confinement.entry(to), hostOptions));
	}

	@Override
	public boolean isSameFile(Path path, Path other) throws IOException {
		if (path.equals(other)) {
			return true;
		}
		if (!(other instanceof ConfinedPath second) || second.getFileSystem() != this.fileSystem) {
			return false;
		}
		ConfinedPath first = this.fileSystem.confined(path);
		return NamespaceLock
			.reading(() -> this.host.isSameFile(this.confinement.followed(first), this.confinement.followed(second)));
	}

	@Override
	public boolean isHidden(Path path) {
		Path name = this.fileSystem.confined(path).getFileName();
		return name != null && name.toString().startsWith(".");
	}

	@Override
	public FileStore getFileStore(Path path) throws IOException {
		ConfinedPath file = this.fileSystem.confined(path);
		return NamespaceLock.reading(() -> this.host.getFileStore(this.confinement.followed(file)));
	}

	@Override
	public void checkAccess(Path path, AccessMode... modes) throws IOException {
		ConfinedPath file = this.fileSystem.confined(path);
		NamespaceLock.reading(() -> this.host.checkAccess(this.confinement.followed(file), modes));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <V extends FileAttributeView> @Nullable V getFileAttributeView(Path path, Class<V> type,
			LinkOption... options) {
		if (type != BasicFileAttributeView.class) {
			return null;
		}
		return (V) new ConfinedAttributeView(this, this.fileSystem.confined(path), options);
	}

	@Override
	public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
			throws IOException {
		ConfinedPath file = this.fileSystem.confined(path);
		return NamespaceLock.reading(() -> this.host.readAttributes(resolved(file, List.of(options)), type, options));
	}

	@Override
	public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
		ConfinedPath file = this.fileSystem.confined(path);
		return NamespaceLock
			.reading(() -> this.host.readAttributes(resolved(file, List.of(options)), attributes, options));
	}

	@Override
	public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
		ConfinedPath file = this.fileSystem.confined(path);
		NamespaceLock
			.reading(() -> this.host.setAttribute(resolved(file, List.of(options)), attribute, value, options));
	}

	/** Sets a file's times, as {@link BasicFileAttributeView#setTimes} does. */
	void setTimes(ConfinedPath file, LinkOption[] options, @Nullable FileTime lastModifiedTime,
			@Nullable FileTime lastAccessTime, @Nullable FileTime createTime) throws IOException {
		NamespaceLock.reading(() -> this.host
			.getFileAttributeView(resolved(file, List.of(options)), BasicFileAttributeView.class, options)
			.setTimes(lastModifiedTime, lastAccessTime, createTime));
	}

	/** The real path of a file inside the folder, as {@link Path#toRealPath} gives it. */
	Path realPath(ConfinedPath file, LinkOption... options) throws IOException {
		return NamespaceLock.reading(() -> {
			Path real = resolved(file, List.of(options));
			this.host.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			return this.confinement.confined(this.fileSystem, real);
		});
	}

	private Path resolved(ConfinedPath file, List<?> options) throws IOException {
		return options.contains(LinkOption.NOFOLLOW_LINKS) ? this.confinement.unfollowed(file)
				: this.confinement.followed(file);
	}

}
