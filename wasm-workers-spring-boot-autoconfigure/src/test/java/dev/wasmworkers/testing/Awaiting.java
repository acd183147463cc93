package dev.wasmworkers.testing;

import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits, for a bounded time, until a condition about the server's state holds.
 */
public final class Awaiting {

	private static final int ATTEMPTS = 300;

	private Awaiting() {
	}

	/**
	 * Waits up to 15 s for the condition, then fails if it does not hold.
	 * @param condition the condition
	 */
	public static void until(BooleanSupplier condition) {
		for (int attempt = 0; attempt < ATTEMPTS && !condition.getAsBoolean(); attempt++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		assertThat(condition.getAsBoolean()).as("condition reached within 15 s").isTrue();
	}

}
