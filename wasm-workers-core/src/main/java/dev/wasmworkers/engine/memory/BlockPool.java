package dev.wasmworkers.engine.memory;

/**
 * The spare blocks of one thread: blocks that memories whose run has ended gave back
 * ({@link CopyOnWriteMemory#release()}), for the next memory on the same thread to copy
 * into instead of allocating new ones.
 *
 * <p>
 * Each thread has its own pool, so a block is only ever taken by the thread that gave it
 * back. A taken block still holds what its last memory wrote; the memory that takes it
 * overwrites all of it before anything can read it.
 */
final class BlockPool {

	/** The most blocks a thread keeps: 1 MiB. */
	static final int CAPACITY = 256;

	private static final ThreadLocal<BlockPool> pools = ThreadLocal.withInitial(BlockPool::new);

	private final byte[][] spare = new byte[CAPACITY][];

	private int count;

	private BlockPool() {
	}

	/** The pool of the current thread. */
	static BlockPool current() {
		return pools.get();
	}

	/**
	 * A spare block, to be overwritten in full, or {@code null} when the pool is empty.
	 */
	byte[] take() {
		if (this.count == 0) {
			return null;
		}
		byte[] block = this.spare[--this.count];
		this.spare[this.count] = null;
		return block;
	}

	/** Keeps a block nobody reads any more, unless the pool is full. */
	void give(byte[] block) {
		if (this.count < CAPACITY) {
			this.spare[this.count++] = block;
		}
	}

}
