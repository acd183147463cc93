package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.util.Arrays;

/**
 * The state of an instance taken once and given to fresh instances of the same module:
 * its linear memory and its mutable globals, the way Wizer pre-initialises a module.
 *
 * <p>
 * Only the memory pages that differ from those of a newly built instance are kept and
 * copied. Tables are not part of the image: the module they come from must not change its
 * tables after it starts, which holds for Rust and C code that does not use
 * {@code table.grow} or {@code table.set}.
 */
final class EngineImage {

	private static final int PAGE_SIZE = 64 * 1024;

	private final int pages;

	private final int[] changedPages;

	private final byte[][] pageBytes;

	private final long[] globals;

	private EngineImage(int pages, int[] changedPages, byte[][] pageBytes, long[] globals) {
		this.pages = pages;
		this.changedPages = changedPages;
		this.pageBytes = pageBytes;
		this.globals = globals;
	}

	/**
	 * Takes the image of an instance.
	 * @param instance the instance, in the state to give to fresh ones
	 * @param pristine a newly built instance of the same module, to compare pages with
	 * @param globalCount the number of globals the module defines
	 * @return the image
	 */
	static EngineImage of(Instance instance, Instance pristine, int globalCount) {
		Memory memory = instance.memory();
		Memory fresh = pristine.memory();
		int pages = memory.pages();
		int[] changed = new int[pages];
		byte[][] bytes = new byte[pages][];
		int count = 0;
		for (int page = 0; page < pages; page++) {
			byte[] current = memory.readBytes(page * PAGE_SIZE, PAGE_SIZE);
			boolean same = page < fresh.pages() && Arrays.equals(current, fresh.readBytes(page * PAGE_SIZE, PAGE_SIZE));
			if (!same && (page < fresh.pages() || !isZero(current))) {
				changed[count] = page;
				bytes[count] = current;
				count++;
			}
		}
		long[] globals = new long[globalCount];
		for (int i = 0; i < globalCount; i++) {
			globals[i] = instance.global(i).getValue();
		}
		return new EngineImage(pages, Arrays.copyOf(changed, count), Arrays.copyOf(bytes, count), globals);
	}

	/** The number of 64 KiB pages of memory the image needs. */
	int pages() {
		return this.pages;
	}

	/**
	 * Gives a newly built instance this state.
	 * @param instance the instance
	 * @return false when its memory cannot grow to the image's size
	 */
	boolean restoreInto(Instance instance) {
		Memory memory = instance.memory();
		int missing = this.pages - memory.pages();
		if (missing > 0 && memory.grow(missing) < 0) {
			return false;
		}
		for (int i = 0; i < this.changedPages.length; i++) {
			memory.write(this.changedPages[i] * PAGE_SIZE, this.pageBytes[i]);
		}
		for (int i = 0; i < this.globals.length; i++) {
			instance.global(i).setValue(this.globals[i]);
		}
		return true;
	}

	private static boolean isZero(byte[] bytes) {
		for (byte b : bytes) {
			if (b != 0) {
				return false;
			}
		}
		return true;
	}

}
