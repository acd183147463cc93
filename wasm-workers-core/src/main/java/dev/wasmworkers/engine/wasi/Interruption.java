package dev.wasmworkers.engine.wasi;

import java.nio.channels.ClosedByInterruptException;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;

/**
 * Stops a host call when its thread is interrupted, the way Chicory stops guest code:
 * with {@link ChicoryInterruptedException}, the flag left set.
 */
final class Interruption {

	private Interruption() {
	}

	/** Throws when the thread has been interrupted, for example by the run's deadline. */
	static void check() {
		if (Thread.currentThread().isInterrupted()) {
			throw interrupted();
		}
	}

	/**
	 * The exception for a file channel that an interrupt closed, with the thread's flag
	 * set again.
	 */
	static ChicoryInterruptedException of(ClosedByInterruptException closed) {
		Thread.currentThread().interrupt();
		return new ChicoryInterruptedException("Thread interrupted", closed);
	}

	/** The exception for an interrupted wait, with the thread's flag set again. */
	static ChicoryInterruptedException of(InterruptedException waiting) {
		Thread.currentThread().interrupt();
		return new ChicoryInterruptedException("Thread interrupted", waiting);
	}

	private static ChicoryInterruptedException interrupted() {
		return new ChicoryInterruptedException("Thread interrupted");
	}

}
