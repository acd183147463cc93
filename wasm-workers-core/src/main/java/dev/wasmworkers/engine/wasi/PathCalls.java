package dev.wasmworkers.engine.wasi;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.dylibso.chicory.runtime.Memory;
import org.jspecify.annotations.Nullable;

/**
 * The WASI calls that act on a path relative to a directory descriptor: {@code path_open}
 * and the other {@code path_*} calls.
 *
 * <p>
 * A path is resolved lexically against its directory: an absolute path, or one whose
 * {@code ..} leads above the directory, fails with {@code EPERM} in {@code path_open} and
 * {@code EACCES} elsewhere. The rest is left to the preopen's file system, which keeps
 * symbolic links inside their folder. Entries a call creates take their name's length
 * from the run's disk-write budget.
 */
final class PathCalls {

	/** The longest path a call accepts, in bytes, as PATH_MAX on Linux. */
	static final int MAX_PATH = 4096;

	/** {@code lookupflags}: follow a last name that is a symbolic link. */
	private static final int SYMLINK_FOLLOW = 1;

	/** {@code oflags}: create the file if it does not exist. */
	private static final int CREATE = 1;

	/** {@code oflags}: fail unless it is a directory. */
	private static final int DIRECTORY = 1 << 1;

	/** {@code oflags}: fail if it exists. */
	private static final int EXCLUSIVE = 1 << 2;

	/** {@code oflags}: truncate it to size 0. */
	private static final int TRUNCATE = 1 << 3;

	private static final int ALL_FDFLAGS = Rights.APPEND | Rights.DSYNC | Rights.NONBLOCK | Rights.RSYNC | Rights.SYNC;

	private PathCalls() {
	}

	/**
	 * {@code path_open(fd, dirflags, path, path_len, oflags, rights_base,
	 * rights_inheriting, fdflags, fd_ptr)}.
	 */
	static int pathOpen(WasiContext context, Memory memory, int fd, int lookupFlags, int pathPointer, int pathLength,
			int openFlags, long rights, long inheritingRights, int fdFlags, int fdPointer) {
		DirectoryDescriptor directory = directory(context, fd);
		String guestPath = GuestMemory.string(memory, pathPointer, pathLength, MAX_PATH);
		GuestMemory.check(memory, fdPointer, 4);
		if ((openFlags & ~(CREATE | DIRECTORY | EXCLUSIVE | TRUNCATE)) != 0 || (fdFlags & ~ALL_FDFLAGS) != 0
				|| ((openFlags & CREATE) != 0 && (openFlags & DIRECTORY) != 0)) {
			throw new ErrnoException(Errno.INVAL);
		}
		List<String> names = directory.names(guestPath, Errno.PERM);
		Path path = resolve(directory, names);
		context.descriptors().requireRoom();
		StackReserve.ensure();
		boolean follow = (lookupFlags & SYMLINK_FOLLOW) != 0;
		@Nullable BasicFileAttributes existing = attributesIfExists(path, follow);
		Descriptor opened;
		if (existing != null && existing.isDirectory()) {
			if ((openFlags & (CREATE | TRUNCATE)) != 0 || (rights & Rights.FD_WRITE) != 0) {
				throw new ErrnoException(((openFlags & EXCLUSIVE) != 0) ? Errno.EXIST : Errno.ISDIR);
			}
			opened = directory.opened(names, rights, inheritingRights);
		}
		else if ((openFlags & DIRECTORY) != 0) {
			throw new ErrnoException((existing == null) ? Errno.NOENT : Errno.NOTDIR);
		}
		else if (existing != null && existing.isSymbolicLink()) {
			throw new ErrnoException(((openFlags & EXCLUSIVE) != 0) ? Errno.EXIST : Errno.LOOP);
		}
		else {
			opened = openFile(context, path, existing == null, openFlags, rights, fdFlags);
		}
		memory.writeI32(fdPointer, context.descriptors().add(opened));
		return Errno.SUCCESS;
	}

	/** {@code path_create_directory(fd, path, path_len)}. */
	static int pathCreateDirectory(WasiContext context, Memory memory, int fd, int pathPointer, int pathLength) {
		Path path = resolve(context, memory, fd, pathPointer, pathLength);
		StackReserve.ensure();
		creating(context, path, () -> Files.createDirectory(path));
		return Errno.SUCCESS;
	}

	/** {@code path_filestat_get(fd, flags, path, path_len, stat_ptr)}. */
	static int pathFilestatGet(WasiContext context, Memory memory, int fd, int lookupFlags, int pathPointer,
			int pathLength, int statPointer) {
		Path path = resolve(context, memory, fd, pathPointer, pathLength);
		GuestMemory.check(memory, statPointer, FileStat.SIZE);
		StackReserve.ensure();
		DescriptorCalls.stat(path, (lookupFlags & SYMLINK_FOLLOW) != 0).write(memory, statPointer);
		return Errno.SUCCESS;
	}

	/**
	 * {@code path_filestat_set_times(fd, flags, path, path_len, atim, mtim, fst_flags)}.
	 */
	static int pathFilestatSetTimes(WasiContext context, Memory memory, int fd, int lookupFlags, int pathPointer,
			int pathLength, long accessed, long modified, int timeFlags) {
		Path path = resolve(context, memory, fd, pathPointer, pathLength);
		StackReserve.ensure();
		FileTimes.set(path, (lookupFlags & SYMLINK_FOLLOW) != 0, accessed, modified, timeFlags);
		return Errno.SUCCESS;
	}

	/**
	 * {@code path_link(old_fd, old_flags, old_path, old_path_len, new_fd, new_path,
	 * new_path_len)}.
	 */
	static int pathLink(WasiContext context, Memory memory, int fd, int lookupFlags, int oldPointer, int oldLength,
			int newFd, int newPointer, int newLength) {
		Path existing = resolve(context, memory, fd, oldPointer, oldLength);
		Path link = resolve(context, memory, newFd, newPointer, newLength);
		requireSameFolder(existing, link);
		StackReserve.ensure();
		creating(context, link,
				() -> Files.createLink(link, ((lookupFlags & SYMLINK_FOLLOW) != 0) ? existing.toRealPath() : existing));
		return Errno.SUCCESS;
	}

	/** {@code path_readlink(fd, path, path_len, buf, buf_len, bufused_ptr)}. */
	static int pathReadlink(WasiContext context, Memory memory, int fd, int pathPointer, int pathLength, int buffer,
			int bufferLength, int usedPointer) {
		Path link = resolve(context, memory, fd, pathPointer, pathLength);
		GuestMemory.check(memory, buffer, Integer.toUnsignedLong(bufferLength));
		GuestMemory.check(memory, usedPointer, 4);
		StackReserve.ensure();
		byte[] target = targetText(link, HostIo.call(() -> Files.readSymbolicLink(link)))
			.getBytes(StandardCharsets.UTF_8);
		int used = (int) Math.min(target.length, Integer.toUnsignedLong(bufferLength));
		memory.write(buffer, target, 0, used);
		memory.writeI32(usedPointer, used);
		return Errno.SUCCESS;
	}

	/** {@code path_remove_directory(fd, path, path_len)}. */
	static int pathRemoveDirectory(WasiContext context, Memory memory, int fd, int pathPointer, int pathLength) {
		Path path = resolve(context, memory, fd, pathPointer, pathLength);
		StackReserve.ensure();
		if (!attributes(path, false).isDirectory()) {
			throw new ErrnoException(Errno.NOTDIR);
		}
		delete(path);
		return Errno.SUCCESS;
	}

	/** {@code path_unlink_file(fd, path, path_len)}. */
	static int pathUnlinkFile(WasiContext context, Memory memory, int fd, int pathPointer, int pathLength) {
		Path path = resolve(context, memory, fd, pathPointer, pathLength);
		StackReserve.ensure();
		if (attributes(path, false).isDirectory()) {
			throw new ErrnoException(Errno.ISDIR);
		}
		delete(path);
		return Errno.SUCCESS;
	}

	/**
	 * {@code path_rename(fd, old_path, old_path_len, new_fd, new_path, new_path_len)}.
	 */
	static int pathRename(WasiContext context, Memory memory, int fd, int oldPointer, int oldLength, int newFd,
			int newPointer, int newLength) {
		Path source = resolve(context, memory, fd, oldPointer, oldLength);
		Path target = resolve(context, memory, newFd, newPointer, newLength);
		requireSameFolder(source, target);
		StackReserve.ensure();
		creating(context, target, () -> {
			try {
				Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				throw new ErrnoException(Errno.XDEV);
			}
		});
		return Errno.SUCCESS;
	}

	/** {@code path_symlink(old_path, old_path_len, fd, new_path, new_path_len)}. */
	static int pathSymlink(WasiContext context, Memory memory, int targetPointer, int targetLength, int fd,
			int linkPointer, int linkLength) {
		String target = GuestMemory.string(memory, targetPointer, targetLength, MAX_PATH);
		DirectoryDescriptor directory = directory(context, fd);
		String linkPath = GuestMemory.string(memory, linkPointer, linkLength, MAX_PATH);
		List<String> names = directory.names(linkPath, Errno.ACCES);
		if (names.isEmpty() || target.isEmpty()) {
			throw new ErrnoException(Errno.NOENT);
		}
		DirectoryDescriptor.requireInside(names.subList(0, names.size() - 1), target, Errno.ACCES);
		Path link = resolve(directory, names);
		StackReserve.ensure();
		creating(context, link, () -> Files.createSymbolicLink(link, link.getFileSystem().getPath(target)),
				target.getBytes(StandardCharsets.UTF_8).length);
		return Errno.SUCCESS;
	}

	private static FileDescriptor openFile(WasiContext context, Path path, boolean missing, int openFlags, long rights,
			int fdFlags) {
		Set<OpenOption> options = new HashSet<>();
		boolean append = (fdFlags & Rights.APPEND) != 0;
		boolean write = (rights & Rights.FD_WRITE) != 0 || append;
		if ((rights & Rights.FD_READ) != 0 || !write) {
			options.add(StandardOpenOption.READ);
		}
		if (write) {
			options.add(append ? StandardOpenOption.APPEND : StandardOpenOption.WRITE);
		}
		if ((openFlags & CREATE) != 0) {
			options.add(((openFlags & EXCLUSIVE) != 0) ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
		}
		if ((openFlags & TRUNCATE) != 0 && write) {
			options.add(StandardOpenOption.TRUNCATE_EXISTING);
		}
		if ((fdFlags & Rights.SYNC) != 0) {
			options.add(StandardOpenOption.SYNC);
		}
		if ((fdFlags & Rights.DSYNC) != 0) {
			options.add(StandardOpenOption.DSYNC);
		}
		if (!missing || (openFlags & CREATE) == 0) {
			return new FileDescriptor(open(path, options), path, rights, fdFlags, append);
		}
		long name = nameBytes(path);
		context.takeWholeDiskWrite(name);
		try {
			return new FileDescriptor(open(path, options), path, rights, fdFlags, append);
		}
		catch (RuntimeException ex) {
			context.returnDiskWrite(name);
			throw ex;
		}
	}

	private static FileChannel open(Path path, Set<OpenOption> options) {
		try {
			return HostIo.call(() -> FileChannel.open(path, options));
		}
		catch (IllegalArgumentException | UnsupportedOperationException ex) {
			throw new ErrnoException(Errno.INVAL);
		}
	}

	/**
	 * Runs an operation that adds an entry at {@code path}, the entry's name taken from
	 * the disk-write budget first and given back when it fails.
	 */
	private static void creating(WasiContext context, Path path, HostIo.Action operation) {
		creating(context, path, operation, 0);
	}

	private static void creating(WasiContext context, Path path, HostIo.Action operation, long alsoStored) {
		long cost = nameBytes(path) + alsoStored;
		context.takeWholeDiskWrite(cost);
		try {
			HostIo.run(operation);
		}
		catch (RuntimeException ex) {
			context.returnDiskWrite(cost);
			throw ex;
		}
	}

	private static void delete(Path path) {
		HostIo.run(() -> Files.delete(path));
	}

	private static long nameBytes(Path path) {
		Path name = path.getFileName();
		return (name == null) ? 0 : name.toString().getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * What a link holds, as the guest wrote it: relative to the link's directory;
	 * {@code ENOENT} for a target that leads out of the folder.
	 */
	private static String targetText(Path link, Path target) {
		if (!target.isAbsolute()) {
			return target.toString();
		}
		for (Path name : target) {
			if (name.toString().equals("..")) {
				throw new ErrnoException(Errno.NOENT);
			}
		}
		Path parent = link.toAbsolutePath().getParent();
		return (parent == null) ? target.toString() : parent.relativize(target).toString();
	}

	private static void requireSameFolder(Path first, Path second) {
		if (first.getFileSystem() != second.getFileSystem()) {
			throw new ErrnoException(Errno.XDEV);
		}
	}

	private static BasicFileAttributes attributes(Path path, boolean follow) {
		return HostIo.call(() -> Files.readAttributes(path, BasicFileAttributes.class, linkOptions(follow)));
	}

	private static @Nullable BasicFileAttributes attributesIfExists(Path path, boolean follow) {
		try {
			return attributes(path, follow);
		}
		catch (ErrnoException ex) {
			if (ex.errno() == Errno.NOENT) {
				return null;
			}
			throw ex;
		}
	}

	private static LinkOption[] linkOptions(boolean follow) {
		return follow ? new LinkOption[0] : new LinkOption[] { LinkOption.NOFOLLOW_LINKS };
	}

	/**
	 * The host path of the guest path an operation other than {@code path_open} names.
	 */
	private static Path resolve(WasiContext context, Memory memory, int fd, int pathPointer, int pathLength) {
		DirectoryDescriptor directory = directory(context, fd);
		String guestPath = GuestMemory.string(memory, pathPointer, pathLength, MAX_PATH);
		return resolve(directory, directory.names(guestPath, Errno.ACCES));
	}

	private static Path resolve(DirectoryDescriptor directory, List<String> names) {
		try {
			return directory.resolveNames(names);
		}
		catch (InvalidPathException ex) {
			throw new ErrnoException(Errno.INVAL);
		}
	}

	private static DirectoryDescriptor directory(WasiContext context, int fd) {
		Descriptor descriptor = context.descriptors().require(fd);
		if (descriptor instanceof DirectoryDescriptor directory) {
			return directory;
		}
		throw new ErrnoException(Errno.NOTDIR);
	}

}
