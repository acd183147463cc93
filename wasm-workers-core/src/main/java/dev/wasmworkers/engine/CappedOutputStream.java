package dev.wasmworkers.engine;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * An in-memory output stream that keeps at most a fixed number of bytes and drops or
 * refuses the rest: a run's stdout and stderr, here and in the language runtime modules.
 */
public final class CappedOutputStream extends OutputStream {

	private static final int INITIAL_CAPACITY = 1024;

	private final ByteArrayOutputStream bytes;

	private final int limit;

	private final boolean refuseOverflow;

	private CappedOutputStream(int limit, boolean refuseOverflow) {
		this.bytes = new ByteArrayOutputStream(Math.min(limit, INITIAL_CAPACITY));
		this.limit = limit;
		this.refuseOverflow = refuseOverflow;
	}

	/**
	 * A stream that silently drops whatever goes past the limit.
	 * @param limit the most bytes kept
	 * @return the stream
	 */
	public static CappedOutputStream truncating(int limit) {
		return new CappedOutputStream(limit, false);
	}

	/**
	 * A stream that keeps what fits and then throws {@link OutputLimitExceededException},
	 * which Chicory's {@code fd_write} does not catch, so it stops the run.
	 * @param limit the most bytes allowed
	 * @return the stream
	 */
	public static CappedOutputStream refusingOverflow(int limit) {
		return new CappedOutputStream(limit, true);
	}

	@Override
	public void write(int b) {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public void write(byte[] b, int off, int len) {
		Objects.checkFromIndexSize(off, len, b.length);
		int room = this.limit - this.bytes.size();
		this.bytes.write(b, off, Math.min(len, room));
		if (len > room && this.refuseOverflow) {
			throw new OutputLimitExceededException(this.limit);
		}
	}

	/**
	 * The bytes kept so far.
	 * @return a copy of the bytes
	 */
	public byte[] toByteArray() {
		return this.bytes.toByteArray();
	}

}
