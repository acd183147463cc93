package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;

/**
 * Runs one file system or channel operation for a WASI call and turns its failure into
 * the call's error number: an interrupt that closed the channel stops the run, a channel
 * not open for that direction is {@code EBADF}, any other I/O failure is mapped by
 * {@link Errno#of(IOException)}.
 */
final class HostIo {

	private HostIo() {
	}

	/** Runs an operation that returns a value. */
	static <T> T call(Operation<T> operation) {
		try {
			return operation.run();
		}
		catch (ClosedByInterruptException ex) {
			throw Interruption.of(ex);
		}
		catch (NonReadableChannelException | NonWritableChannelException ex) {
			throw new ErrnoException(Errno.BADF);
		}
		catch (IOException ex) {
			throw new ErrnoException(Errno.of(ex));
		}
	}

	/** Runs an operation that returns nothing. */
	static void run(Action action) {
		call(() -> {
			action.run();
			return null;
		});
	}

	/** A file system operation that returns a value. */
	@FunctionalInterface
	interface Operation<T> {

		T run() throws IOException;

	}

	/** A file system operation that returns nothing. */
	@FunctionalInterface
	interface Action {

		void run() throws IOException;

	}

}
