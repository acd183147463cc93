package dev.wasmworkers.engine.wasi;

/**
 * Makes sure a host call has enough of its thread's stack left before it does anything
 * that a {@link StackOverflowError} must not interrupt halfway: take a lock, open a file,
 * load a class.
 *
 * <p>
 * A guest can recurse until just before its thread's stack ends and then call the host.
 * {@link #ensure()} first uses about {@value #RESERVE_BYTES} bytes of stack below the
 * caller, plus the JVM's own shadow zone below that, and gives them back: when they are
 * not there, the {@code StackOverflowError} is thrown before the call has touched
 * anything, and ends the run as a trap. The cost is a few hundred nanoseconds, so calls
 * that only copy bytes between the guest and the run's own buffers do without it.
 */
public final class StackReserve {

	/** About how many bytes of stack a checked host call may use, besides the JVM's. */
	static final int RESERVE_BYTES = 48 * 1024;

	/**
	 * Frames of {@link #descend} that use at least {@link #RESERVE_BYTES} bytes: each one
	 * keeps eight longs alive across its call, about 90 bytes when compiled.
	 */
	private static final int FRAMES = RESERVE_BYTES / 88;

	private static volatile long sink;

	private StackReserve() {
	}

	/**
	 * Returns when the reserve is there.
	 * @throws StackOverflowError when it is not, before anything else was done
	 */
	public static void ensure() {
		sink = descend(FRAMES, 1, 2, 3, 4, 5, 6, 7, 8);
	}

	private static long descend(int frames, long a, long b, long c, long d, long e, long f, long g, long h) {
		if (frames <= 0) {
			return a;
		}
		long below = descend(frames - 1, b, c, d, e, f, g, h, a + 1);
		return below + (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h);
	}

}
