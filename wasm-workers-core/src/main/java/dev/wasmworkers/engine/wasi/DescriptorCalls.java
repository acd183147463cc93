package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.dylibso.chicory.runtime.Memory;
import org.jspecify.annotations.Nullable;

/**
 * The WASI calls on a descriptor other than moving bytes: closing and renumbering it, its
 * status, flags and rights, its file's attributes, size and times, preopen names,
 * directory listings, syncs and advice.
 */
final class DescriptorCalls {

	/** Bytes of an {@code fdstat}. */
	private static final int FDSTAT_SIZE = 24;

	/** Bytes of a {@code prestat}. */
	private static final int PRESTAT_SIZE = 8;

	/** Bytes of a {@code dirent}, before its name. */
	private static final int DIRENT_SIZE = 24;

	/** The largest {@code advice} value ({@code noreuse}). */
	private static final int MAX_ADVICE = 5;

	private static final int SYNC_FLAGS = Rights.DSYNC | Rights.RSYNC | Rights.SYNC;

	private static final int ALL_FLAGS = Rights.APPEND | Rights.NONBLOCK | SYNC_FLAGS;

	private DescriptorCalls() {
	}

	/** {@code fd_close(fd)}. */
	static int fdClose(WasiContext context, int fd) {
		if (context.descriptors().require(fd) instanceof FileDescriptor) {
			StackReserve.ensure();
		}
		context.descriptors().close(fd);
		return Errno.SUCCESS;
	}

	/** {@code fd_renumber(fd, to)}. */
	static int fdRenumber(WasiContext context, int fd, int to) {
		context.descriptors().require(fd);
		if (context.descriptors().require(to) instanceof FileDescriptor) {
			StackReserve.ensure();
		}
		context.descriptors().renumber(fd, to);
		return Errno.SUCCESS;
	}

	/** {@code fd_fdstat_get(fd, stat_ptr)}. */
	static int fdFdstatGet(WasiContext context, Memory memory, int fd, int statPointer) {
		Descriptor descriptor = context.descriptors().require(fd);
		GuestMemory.check(memory, statPointer, FDSTAT_SIZE);
		memory.writeLong(statPointer, 0);
		memory.writeByte(statPointer, (byte) descriptor.fileType());
		memory.writeShort(statPointer + 2, (short) descriptor.flags());
		memory.writeLong(statPointer + 8, descriptor.rights());
		memory.writeLong(statPointer + 16, descriptor.inheritingRights());
		return Errno.SUCCESS;
	}

	/** {@code fd_fdstat_set_flags(fd, flags)}. */
	static int fdFdstatSetFlags(WasiContext context, int fd, int flags) {
		Descriptor descriptor = context.descriptors().require(fd);
		if ((flags & ~ALL_FLAGS) != 0) {
			throw new ErrnoException(Errno.INVAL);
		}
		if (descriptor instanceof FileDescriptor file && (((flags ^ file.flags()) & SYNC_FLAGS) != 0
				|| (file.appendsNatively() && (flags & Rights.APPEND) == 0))) {
			throw new ErrnoException(Errno.NOTSUP);
		}
		descriptor.setFlags(flags);
		return Errno.SUCCESS;
	}

	/** {@code fd_fdstat_set_rights(fd, rights, inheriting)}. */
	static int fdFdstatSetRights(WasiContext context, int fd, long rights, long inheritingRights) {
		context.descriptors().require(fd).restrictRights(rights, inheritingRights);
		return Errno.SUCCESS;
	}

	/** {@code fd_filestat_get(fd, stat_ptr)}. */
	static int fdFilestatGet(WasiContext context, Memory memory, int fd, int statPointer) {
		Descriptor descriptor = context.descriptors().require(fd);
		GuestMemory.check(memory, statPointer, FileStat.SIZE);
		FileStat stat;
		if (descriptor instanceof FileDescriptor file) {
			StackReserve.ensure();
			stat = fileStat(file);
		}
		else if (descriptor instanceof DirectoryDescriptor directory) {
			StackReserve.ensure();
			stat = stat(directory.path(), true);
		}
		else {
			stat = FileStat.STREAM;
		}
		stat.write(memory, statPointer);
		return Errno.SUCCESS;
	}

	/** {@code fd_filestat_set_size(fd, size)}. */
	static int fdFilestatSetSize(WasiContext context, int fd, long size) {
		FileDescriptor file = file(context, fd);
		if (size < 0) {
			throw new ErrnoException(Errno.INVAL);
		}
		StackReserve.ensure();
		HostIo.run(() -> {
			FileChannel channel = file.channel();
			long current = channel.size();
			if (size < current) {
				channel.truncate(size);
			}
			else {
				extend(context, channel, current, size);
			}
		});
		return Errno.SUCCESS;
	}

	/** {@code fd_allocate(fd, offset, len)}: makes the file at least that long. */
	static int fdAllocate(WasiContext context, int fd, long offset, long length) {
		FileDescriptor file = file(context, fd);
		if (offset < 0 || length <= 0 || offset + length < 0) {
			throw new ErrnoException(Errno.INVAL);
		}
		StackReserve.ensure();
		HostIo.run(() -> extend(context, file.channel(), file.channel().size(), offset + length));
		return Errno.SUCCESS;
	}

	/** {@code fd_filestat_set_times(fd, atim, mtim, fst_flags)}. */
	static int fdFilestatSetTimes(WasiContext context, int fd, long accessed, long modified, int flags) {
		Descriptor descriptor = context.descriptors().require(fd);
		Path path;
		if (descriptor instanceof FileDescriptor file) {
			path = file.path();
		}
		else if (descriptor instanceof DirectoryDescriptor directory) {
			path = directory.path();
		}
		else {
			throw new ErrnoException(Errno.BADF);
		}
		StackReserve.ensure();
		FileTimes.set(path, true, accessed, modified, flags);
		return Errno.SUCCESS;
	}

	/** {@code fd_sync(fd)} and {@code fd_datasync(fd)}. */
	static int fdSync(WasiContext context, int fd, boolean metadata) {
		Descriptor descriptor = context.descriptors().require(fd);
		if (descriptor instanceof DirectoryDescriptor) {
			return Errno.SUCCESS;
		}
		if (!(descriptor instanceof FileDescriptor file)) {
			throw new ErrnoException(Errno.INVAL);
		}
		StackReserve.ensure();
		HostIo.run(() -> file.channel().force(metadata));
		return Errno.SUCCESS;
	}

	/** {@code fd_advise(fd, offset, len, advice)}: accepted and ignored for files. */
	static int fdAdvise(WasiContext context, int fd, int advice) {
		Descriptor descriptor = context.descriptors().require(fd);
		if (advice < 0 || advice > MAX_ADVICE) {
			throw new ErrnoException(Errno.INVAL);
		}
		if (descriptor instanceof FileDescriptor) {
			return Errno.SUCCESS;
		}
		throw new ErrnoException((descriptor instanceof DirectoryDescriptor) ? Errno.ISDIR : Errno.SPIPE);
	}

	/** {@code fd_prestat_get(fd, prestat_ptr)}. */
	static int fdPrestatGet(WasiContext context, Memory memory, int fd, int prestatPointer) {
		Preopen preopen = preopen(context, fd);
		GuestMemory.check(memory, prestatPointer, PRESTAT_SIZE);
		memory.writeI32(prestatPointer, 0);
		memory.writeI32(prestatPointer + 4, preopen.guestPathBytes().length);
		return Errno.SUCCESS;
	}

	/** {@code fd_prestat_dir_name(fd, path, path_len)}. */
	static int fdPrestatDirName(WasiContext context, Memory memory, int fd, int buffer, int length) {
		Preopen preopen = preopen(context, fd);
		GuestMemory.check(memory, buffer, Integer.toUnsignedLong(length));
		byte[] name = preopen.guestPathBytes();
		if (Integer.toUnsignedLong(length) < name.length) {
			throw new ErrnoException(Errno.NAMETOOLONG);
		}
		memory.write(buffer, name);
		return Errno.SUCCESS;
	}

	/** {@code fd_readdir(fd, buf, buf_len, cookie, bufused_ptr)}. */
	static int fdReaddir(WasiContext context, Memory memory, int fd, int buffer, int length, long cookie,
			int usedPointer) {
		Descriptor descriptor = context.descriptors().require(fd);
		if (!(descriptor instanceof DirectoryDescriptor directory)) {
			throw new ErrnoException(Errno.NOTDIR);
		}
		long size = Integer.toUnsignedLong(length);
		GuestMemory.check(memory, buffer, size);
		GuestMemory.check(memory, usedPointer, 4);
		List<DirectoryEntry> listing = directory.listing();
		if (cookie == 0 || listing == null) {
			StackReserve.ensure();
			listing = list(directory);
			directory.setListing(listing);
		}
		long used = 0;
		for (long index = Math.max(0, cookie); index < listing.size() && used < size; index++) {
			DirectoryEntry entry = listing.get((int) index);
			ByteBuffer dirent = ByteBuffer.allocate(DIRENT_SIZE + entry.name().length)
				.order(ByteOrder.LITTLE_ENDIAN)
				.putLong(index + 1)
				.putLong(entry.inode())
				.putInt(entry.name().length)
				.put((byte) entry.fileType())
				.put(new byte[3])
				.put(entry.name());
			int part = (int) Math.min(dirent.capacity(), size - used);
			memory.write((int) (buffer + used), dirent.array(), 0, part);
			used += part;
		}
		memory.writeI32(usedPointer, (int) used);
		return Errno.SUCCESS;
	}

	private static List<DirectoryEntry> list(DirectoryDescriptor directory) {
		Path path = directory.path();
		FileStat self = stat(path, true);
		List<DirectoryEntry> children = new ArrayList<>();
		HostIo.run(() -> {
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
				for (Path entry : entries) {
					Interruption.check();
					@Nullable FileStat stat = statIfReachable(entry);
					if (stat != null) {
						children.add(new DirectoryEntry(entry.getFileName().toString().getBytes(StandardCharsets.UTF_8),
								stat.inode(), stat.fileType()));
					}
				}
			}
		});
		children.sort(Comparator.comparing((DirectoryEntry entry) -> new String(entry.name(), StandardCharsets.UTF_8)));
		List<DirectoryEntry> listing = new ArrayList<>(children.size() + 2);
		listing.add(new DirectoryEntry(new byte[] { '.' }, self.inode(), Rights.DIRECTORY_TYPE));
		listing.add(new DirectoryEntry(new byte[] { '.', '.' }, 0, Rights.DIRECTORY_TYPE));
		listing.addAll(children);
		return listing;
	}

	/**
	 * The attributes of a directory entry, links followed; null when it cannot be
	 * reached, as for a link that leads out of a confined folder, which the listing
	 * leaves out.
	 */
	private static @Nullable FileStat statIfReachable(Path entry) {
		try {
			return FileStat.of(entry, true);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static FileStat fileStat(FileDescriptor file) {
		long size = HostIo.call(() -> file.channel().size());
		try {
			return FileStat.of(file.path(), true).withSize(size);
		}
		catch (IOException ex) {
			// Removed or replaced since it was opened: only what the channel knows.
			return new FileStat(0, 0, Rights.REGULAR_FILE, 0, size, 0, 0, 0);
		}
	}

	/** The attributes of a file, or the call's error number. */
	static FileStat stat(Path path, boolean follow) {
		return HostIo.call(() -> FileStat.of(path, follow));
	}

	/**
	 * Makes a file {@code size} bytes long, from {@code current}, the growth taken whole
	 * from the disk-write budget.
	 */
	private static void extend(WasiContext context, FileChannel channel, long current, long size) throws IOException {
		if (size <= current) {
			return;
		}
		context.takeWholeDiskWrite(size - current);
		try {
			channel.write(ByteBuffer.allocate(1), size - 1);
		}
		catch (IOException | RuntimeException ex) {
			context.returnDiskWrite(size - current);
			throw ex;
		}
	}

	private static FileDescriptor file(WasiContext context, int fd) {
		Descriptor descriptor = context.descriptors().require(fd);
		if (descriptor instanceof FileDescriptor file) {
			return file;
		}
		throw new ErrnoException((descriptor instanceof DirectoryDescriptor) ? Errno.ISDIR : Errno.BADF);
	}

	private static Preopen preopen(WasiContext context, int fd) {
		Preopen preopen = (context.descriptors().require(fd) instanceof DirectoryDescriptor directory)
				? directory.preopen() : null;
		if (preopen == null) {
			throw new ErrnoException(Errno.BADF);
		}
		return preopen;
	}

}
