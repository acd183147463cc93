package dev.wasmworkers.engine.wasi;

import java.util.Arrays;

import com.dylibso.chicory.runtime.Memory;

/**
 * Captures one output stream of a run in memory, up to a limit: past it the bytes are
 * dropped without being read (stderr), or the run is stopped (stdout).
 */
final class CappedOutput {

	private static final int INITIAL_CAPACITY = 1024;

	/**
	 * Bytes read from guest memory at a time, between two looks at the interrupt flag.
	 */
	private static final int CHUNK = 64 * 1024;

	private final int limit;

	private final boolean refuseOverflow;

	private byte[] bytes = new byte[0];

	private int size;

	private CappedOutput(int limit, boolean refuseOverflow) {
		this.limit = limit;
		this.refuseOverflow = refuseOverflow;
	}

	/** Keeps up to {@code limit} bytes and silently drops the rest. */
	static CappedOutput truncating(int limit) {
		return new CappedOutput(limit, false);
	}

	/**
	 * Keeps up to {@code limit} bytes; a write past it keeps what fits and throws
	 * {@link OutputLimitExceededException}.
	 */
	static CappedOutput refusingOverflow(int limit) {
		return new CappedOutput(limit, true);
	}

	/**
	 * Appends a region of guest memory that the caller has checked, reading only the part
	 * that fits.
	 */
	void append(Memory memory, int address, int length) {
		int kept = Math.min(length, this.limit - this.size);
		for (int done = 0; done < kept; done += CHUNK) {
			Interruption.check();
			int part = Math.min(CHUNK, kept - done);
			ensureCapacity(this.size + part);
			byte[] chunk = memory.readBytes(address + done, part);
			System.arraycopy(chunk, 0, this.bytes, this.size, part);
			this.size += part;
		}
		if (kept < length) {
			overflow();
		}
	}

	/** How many more bytes fit. */
	int room() {
		return this.limit - this.size;
	}

	/** Bytes did not fit: stops the run when this output refuses overflow. */
	void overflow() {
		if (this.refuseOverflow) {
			throw new OutputLimitExceededException(this.limit);
		}
	}

	/** The bytes kept so far. */
	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	private void ensureCapacity(int needed) {
		if (needed > this.bytes.length) {
			int grown = Math.max(INITIAL_CAPACITY, this.bytes.length * 2);
			this.bytes = Arrays.copyOf(this.bytes, Math.min(this.limit, Math.max(needed, grown)));
		}
	}

}
