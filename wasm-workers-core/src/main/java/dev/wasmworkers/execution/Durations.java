package dev.wasmworkers.execution;

import java.time.Duration;

/**
 * Writes durations the way the properties and the logs show them: {@code 2s},
 * {@code 500ms}.
 */
public final class Durations {

	private Durations() {
	}

	/**
	 * Formats a duration in whole seconds when it has no fraction of a second, else in
	 * milliseconds.
	 * @param duration the duration
	 * @return for example {@code 2s}, {@code 90s} or {@code 1500ms}
	 */
	public static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + "s" : millis + "ms";
	}

}
