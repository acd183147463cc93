package dev.wasmworkers.sample;

import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waits, for a bounded time, until a condition about the server's state holds.
 */
final class Awaiting {

	private static final int ATTEMPTS = 300;

	private Awaiting() {
	}

	static void until(BooleanSupplier condition) {
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
