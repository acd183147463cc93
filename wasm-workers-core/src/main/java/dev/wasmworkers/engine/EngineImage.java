package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;

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
