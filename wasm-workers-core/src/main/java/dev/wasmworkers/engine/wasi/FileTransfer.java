package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;

import com.dylibso.chicory.runtime.Memory;

/**
 * Moves bytes between a file and the guest's iovecs, a chunk at a time, looking at the
 * interrupt flag between chunks; the iovecs must have been checked.
 */
final class FileTransfer {

	private static final int CHUNK = 64 * 1024;

	/** Where to read or write: at the channel's position, which moves. */
	static final long AT_POSITION = -1;

	private FileTransfer() {
	}

	/**
	 * Reads into the iovecs until they are full or the file ends, at {@code position} or
	 * at the channel's position; returns the bytes read, or fails when it read none.
	 */
	static long read(FileChannel channel, long position, Memory memory, int iovs, int count) {
		long done = 0;
		try {
			for (int i = 0; i < count; i++) {
				int address = GuestMemory.iovecBuffer(memory, iovs, i);
				long length = Integer.toUnsignedLong(GuestMemory.iovecLength(memory, iovs, i));
				for (long filled = 0; filled < length;) {
					Interruption.check();
					ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, length - filled));
					int read = (position == AT_POSITION) ? channel.read(chunk) : channel.read(chunk, position + done);
					if (read <= 0) {
						return done;
					}
					memory.write((int) (address + filled), chunk.array(), 0, read);
					filled += read;
					done += read;
				}
			}
			return done;
		}
		catch (ClosedByInterruptException ex) {
			throw Interruption.of(ex);
		}
		catch (NonReadableChannelException ex) {
			throw new ErrnoException(Errno.BADF);
		}
		catch (IOException ex) {
			return partial(done, ex);
		}
	}

	/**
	 * Writes the first {@code limit} bytes of the iovecs, at {@code position} or at the
	 * channel's position; returns the bytes written, or fails when it wrote none.
	 */
	static long write(FileChannel channel, long position, Memory memory, int iovs, int count, long limit) {
		long done = 0;
		try {
			for (int i = 0; i < count && done < limit; i++) {
				int address = GuestMemory.iovecBuffer(memory, iovs, i);
				long length = Math.min(Integer.toUnsignedLong(GuestMemory.iovecLength(memory, iovs, i)), limit - done);
				for (long sent = 0; sent < length;) {
					Interruption.check();
					int part = (int) Math.min(CHUNK, length - sent);
					ByteBuffer chunk = ByteBuffer.wrap(memory.readBytes((int) (address + sent), part));
					while (chunk.hasRemaining()) {
						int written = (position == AT_POSITION) ? channel.write(chunk)
								: channel.write(chunk, position + done);
						sent += written;
						done += written;
					}
				}
			}
			return done;
		}
		catch (ClosedByInterruptException ex) {
			throw Interruption.of(ex);
		}
		catch (NonWritableChannelException ex) {
			throw new ErrnoException(Errno.BADF);
		}
		catch (IOException ex) {
			return partial(done, ex);
		}
	}

	/**
	 * What a transfer that failed after {@code done} bytes returns: the count, if any.
	 */
	private static long partial(long done, IOException failure) {
		if (done > 0) {
			return done;
		}
		throw new ErrnoException(Errno.of(failure));
	}

}
