package dev.wasmworkers.testing;

import java.lang.ref.WeakReference;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that objects a test let go of are collected.
 */
public final class Unreachable {

	private static final int COLLECTIONS = 20;

	private Unreachable() {
	}

	/**
	 * Asks for full collections, a bounded number of times, until every referent is
	 * collected; fails naming how many are still reachable.
	 * @param references weak references to what must be unreachable
	 */
	public static void await(List<? extends WeakReference<?>> references) {
		for (int collection = 0; collection < COLLECTIONS && reachable(references) > 0; collection++) {
			System.gc();
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		assertThat(reachable(references)).as("objects still reachable of %d", references.size()).isZero();
	}

	private static long reachable(List<? extends WeakReference<?>> references) {
		return references.stream().filter((reference) -> reference.get() != null).count();
	}

}
