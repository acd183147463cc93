package dev.wasmworkers.engine.wasi;

import java.nio.channels.FileChannel;

import com.dylibso.chicory.runtime.Memory;

/**
 * The WASI calls that read, write and position a descriptor: {@code fd_read},
 * {@code fd_write}, {@code fd_pread}, {@code fd_pwrite}, {@code fd_seek} and
 * {@code fd_tell}.
 *
 * <p>
 * Each checks the descriptor, then every iovec against memory and their total, then the
 * result pointer, and only then moves bytes. Writes to stderr past its limit are counted
 * as written without being read; writes to files take from the run's disk-write budget.
 */
final class StreamCalls {

	private static final int WHENCE_SET = 0;

	private static final int WHENCE_CURRENT = 1;

	private static final int WHENCE_END = 2;

	private StreamCalls() {
	}

	/** {@code fd_read(fd, iovs, iovs_len, nread_ptr)}. */
	static int fdRead(WasiContext context, Memory memory, int fd, int iovs, int count, int readPointer) {
		Descriptor descriptor = context.descriptors().require(fd);
		GuestMemory.iovecTotal(memory, iovs, count);
		GuestMemory.check(memory, readPointer, 4);
		long read;
		if (descriptor instanceof InputDescriptor input) {
			read = readInput(input, memory, iovs, count);
		}
		else if (descriptor instanceof FileDescriptor file) {
			StackReserve.ensure();
			read = FileTransfer.read(file.channel(), FileTransfer.AT_POSITION, memory, iovs, count);
		}
		else {
			throw new ErrnoException((descriptor instanceof DirectoryDescriptor) ? Errno.ISDIR : Errno.BADF);
		}
		memory.writeI32(readPointer, (int) read);
		return Errno.SUCCESS;
	}

	/** {@code fd_write(fd, iovs, iovs_len, nwritten_ptr)}. */
	static int fdWrite(WasiContext context, Memory memory, int fd, int iovs, int count, int writtenPointer) {
		Descriptor descriptor = context.descriptors().require(fd);
		long total = GuestMemory.iovecTotal(memory, iovs, count);
		GuestMemory.check(memory, writtenPointer, 4);
		long written;
		if (descriptor instanceof OutputDescriptor output) {
			written = writeOutput(output.output(), memory, iovs, count, total);
		}
		else if (descriptor instanceof FileDescriptor file) {
			StackReserve.ensure();
			if (file.appending() && !file.appendsNatively()) {
				moveToEnd(file.channel());
			}
			written = writeFile(context, file.channel(), FileTransfer.AT_POSITION, memory, iovs, count, total);
		}
		else {
			throw new ErrnoException((descriptor instanceof DirectoryDescriptor) ? Errno.ISDIR : Errno.BADF);
		}
		memory.writeI32(writtenPointer, (int) written);
		return Errno.SUCCESS;
	}

	/** {@code fd_pread(fd, iovs, iovs_len, offset, nread_ptr)}. */
	static int fdPread(WasiContext context, Memory memory, int fd, int iovs, int count, long offset, int readPointer) {
		FileChannel channel = positionable(context, fd, offset);
		GuestMemory.iovecTotal(memory, iovs, count);
		GuestMemory.check(memory, readPointer, 4);
		StackReserve.ensure();
		memory.writeI32(readPointer, (int) FileTransfer.read(channel, offset, memory, iovs, count));
		return Errno.SUCCESS;
	}

	/** {@code fd_pwrite(fd, iovs, iovs_len, offset, nwritten_ptr)}. */
	static int fdPwrite(WasiContext context, Memory memory, int fd, int iovs, int count, long offset,
			int writtenPointer) {
		FileChannel channel = positionable(context, fd, offset);
		long total = GuestMemory.iovecTotal(memory, iovs, count);
		GuestMemory.check(memory, writtenPointer, 4);
		StackReserve.ensure();
		memory.writeI32(writtenPointer, (int) writeFile(context, channel, offset, memory, iovs, count, total));
		return Errno.SUCCESS;
	}

	/** {@code fd_seek(fd, offset, whence, newoffset_ptr)}. */
	static int fdSeek(WasiContext context, Memory memory, int fd, long offset, int whence, int positionPointer) {
		FileChannel channel = seekable(context, fd);
		GuestMemory.check(memory, positionPointer, 8);
		StackReserve.ensure();
		long position = HostIo.call(() -> {
			long base = switch (whence) {
				case WHENCE_SET -> 0;
				case WHENCE_CURRENT -> channel.position();
				case WHENCE_END -> channel.size();
				default -> throw new ErrnoException(Errno.INVAL);
			};
			long moved = base + offset;
			if ((offset >= 0 && moved < base) || moved < 0) {
				throw new ErrnoException((moved < 0 && offset < 0) ? Errno.INVAL : Errno.OVERFLOW);
			}
			channel.position(moved);
			return moved;
		});
		memory.writeLong(positionPointer, position);
		return Errno.SUCCESS;
	}

	/** {@code fd_tell(fd, offset_ptr)}. */
	static int fdTell(WasiContext context, Memory memory, int fd, int positionPointer) {
		FileChannel channel = seekable(context, fd);
		GuestMemory.check(memory, positionPointer, 8);
		StackReserve.ensure();
		memory.writeLong(positionPointer, HostIo.call(channel::position));
		return Errno.SUCCESS;
	}

	private static long readInput(InputDescriptor input, Memory memory, int iovs, int count) {
		long read = 0;
		for (int i = 0; i < count && input.remaining() > 0; i++) {
			read += input.read(memory, GuestMemory.iovecBuffer(memory, iovs, i),
					GuestMemory.iovecLength(memory, iovs, i));
		}
		return read;
	}

	/**
	 * Appends the iovecs to a captured output; past its limit the rest is not read, and
	 * counts as written unless the output stops the run.
	 */
	private static long writeOutput(CappedOutput output, Memory memory, int iovs, int count, long total) {
		long offered = 0;
		for (int i = 0; i < count && output.room() > 0; i++) {
			int length = GuestMemory.iovecLength(memory, iovs, i);
			output.append(memory, GuestMemory.iovecBuffer(memory, iovs, i), length);
			offered += Integer.toUnsignedLong(length);
		}
		if (offered < total) {
			output.overflow();
		}
		return total;
	}

	private static long writeFile(WasiContext context, FileChannel channel, long position, Memory memory, int iovs,
			int count, long total) {
		long granted = context.takeDiskWrite(total);
		long written = 0;
		try {
			written = FileTransfer.write(channel, position, memory, iovs, count, granted);
			return written;
		}
		finally {
			context.returnDiskWrite(granted - written);
		}
	}

	private static void moveToEnd(FileChannel channel) {
		HostIo.run(() -> channel.position(channel.size()));
	}

	/** The channel of a file for a positioned transfer; {@code ESPIPE} for streams. */
	private static FileChannel positionable(WasiContext context, int fd, long offset) {
		FileChannel channel = seekable(context, fd);
		if (offset < 0) {
			throw new ErrnoException(Errno.INVAL);
		}
		return channel;
	}

	/**
	 * The channel of a file; {@code ESPIPE} for stdio, {@code EISDIR} for a directory.
	 */
	private static FileChannel seekable(WasiContext context, int fd) {
		Descriptor descriptor = context.descriptors().require(fd);
		if (descriptor instanceof FileDescriptor file) {
			return file.channel();
		}
		throw new ErrnoException((descriptor instanceof DirectoryDescriptor) ? Errno.ISDIR : Errno.SPIPE);
	}

}
