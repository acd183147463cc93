package dev.wasmworkers.engine.memory;

/**
 * Counts the spare blocks of the current thread's {@link BlockPool}, taking them all.
 */
public final class SpareBlocks {

	private SpareBlocks() {
	}

	/**
	 * Empties the current thread's pool.
	 * @return how many blocks it held
	 */
	public static int drain() {
		BlockPool pool = BlockPool.current();
		int count = 0;
		while (pool.take() != null) {
			count++;
		}
		return count;
	}

}
