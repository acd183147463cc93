package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The state of an instance taken once and given to fresh instances of the same module:
 * its linear memory and its globals, the way Wizer pre-initialises a module.
 *
 * <p>
 * The memory is a {@link MemoryImage} that fresh instances start from as
 * {@link CopyOnWriteMemory copy-on-write memories}, so a run copies only what it writes.
 * Tables are not part of the image: the module they come from must not change its tables
 * after it starts, which holds for Rust and C code that does not use {@code table.grow}
 * or {@code table.set}.
 */
final class EngineImage {

	private final MemoryImage memory;

	private final long[] globals;

	private EngineImage(MemoryImage memory, long[] globals) {
		this.memory = memory;
		this.globals = globals;
	}

	/**
	 * Takes the image of an instance.
	 * @param instance the instance, in the state to give to fresh ones
	 * @param base the image its memory started from, whose unchanged blocks the new image
	 * shares
	 * @return the image
	 */
	static EngineImage of(Instance instance, MemoryImage base) {
		long[] globals = new long[instance.globalCount()];
		for (int i = 0; i < globals.length; i++) {
			globals[i] = instance.global(i).getValue();
		}
		return new EngineImage(MemoryImage.of(instance.memory(), base), globals);
	}

	/**
	 * The image as bytes, for {@link #fromBytes(byte[], MemoryImage)} in a later JVM.
	 * @param base the image the memory started from, whose blocks are not written again
	 */
	byte[] toBytes(MemoryImage base) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeInt(this.globals.length);
			for (long global : this.globals) {
				out.writeLong(global);
			}
			this.memory.writeTo(out, base);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Reads an image that {@link #toBytes(MemoryImage)} wrote.
	 * @param bytes what it wrote
	 * @param base the same base image
	 * @return the image
	 * @throws IOException when the bytes are not such an image
	 */
	static EngineImage fromBytes(byte[] bytes, MemoryImage base) throws IOException {
		DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
		int count = in.readInt();
		if (count < 0 || count > bytes.length / Long.BYTES) {
			throw new IOException("Not an engine image: " + count + " globals");
		}
		long[] globals = new long[count];
		for (int i = 0; i < count; i++) {
			globals[i] = in.readLong();
		}
		MemoryImage memory = MemoryImage.readFrom(in, base);
		if (in.available() > 0) {
			throw new IOException("Not an engine image: " + in.available() + " bytes after its end");
		}
		return new EngineImage(memory, globals);
	}

	/**
	 * Whether the image holds as many globals as the instances it is given to.
	 */
	boolean hasGlobals(int count) {
		return this.globals.length == count;
	}

	/** The memory fresh instances start from. */
	MemoryImage memory() {
		return this.memory;
	}

	/** The number of 64 KiB pages of memory the image needs. */
	int pages() {
		return this.memory.pages();
	}

	/**
	 * Gives a newly built instance, whose memory started from {@link #memory()}, the
	 * image's globals.
	 */
	void restoreGlobals(Instance instance) {
		for (int i = 0; i < this.globals.length; i++) {
			instance.global(i).setValue(this.globals[i]);
		}
	}

}
