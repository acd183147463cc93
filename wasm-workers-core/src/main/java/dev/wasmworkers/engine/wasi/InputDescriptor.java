package dev.wasmworkers.engine.wasi;

import com.dylibso.chicory.runtime.Memory;

/** The run's stdin: bytes given up front, read once from start to end. */
final class InputDescriptor extends Descriptor {

	private static final int CHUNK = 64 * 1024;

	private final byte[] bytes;

	private int position;

	InputDescriptor(byte[] bytes) {
		super(Rights.FD_READ, 0, 0);
		this.bytes = bytes;
	}

	@Override
	int fileType() {
		return Rights.UNKNOWN_TYPE;
	}

	/** The bytes not read yet. */
	int remaining() {
		return this.bytes.length - this.position;
	}

	/**
	 * Copies up to {@code length} unread bytes into a checked region; returns how many.
	 */
	int read(Memory memory, int address, int length) {
		int count = Math.min(length, remaining());
		for (int done = 0; done < count; done += CHUNK) {
			Interruption.check();
			int part = Math.min(CHUNK, count - done);
			memory.write(address + done, this.bytes, this.position + done, part);
		}
		this.position += count;
		return count;
	}

}
