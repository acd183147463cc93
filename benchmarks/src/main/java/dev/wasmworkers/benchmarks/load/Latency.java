package dev.wasmworkers.benchmarks.load;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Latency percentiles of a set of requests, in milliseconds (nearest rank).
 *
 * @param count the number of requests
 * @param p50 the median
 * @param p90 the 90th percentile
 * @param p99 the 99th percentile
 * @param max the slowest
 */
record Latency(int count, double p50, double p90, double p99, double max) {

	/** Percentiles of latencies given in nanoseconds; the array is sorted in place. */
	static Latency of(long[] nanos) {
		if (nanos.length == 0) {
			return new Latency(0, 0, 0, 0, 0);
		}
		Arrays.sort(nanos);
		return new Latency(nanos.length, rank(nanos, 0.50), rank(nanos, 0.90), rank(nanos, 0.99),
				millis(nanos[nanos.length - 1]));
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("count", this.count);
		json.put("p50Ms", round(this.p50));
		json.put("p90Ms", round(this.p90));
		json.put("p99Ms", round(this.p99));
		json.put("maxMs", round(this.max));
		return json;
	}

	/**
	 * Formats milliseconds for a table: 3 significant digits, at least 2 decimals under
	 * 10.
	 */
	static String format(double millis) {
		return String.format(Locale.ROOT, (millis < 10) ? "%.2f" : (millis < 100) ? "%.1f" : "%.0f", millis);
	}

	private static double rank(long[] sorted, double percentile) {
		int rank = (int) Math.ceil(percentile * sorted.length);
		return millis(sorted[Math.max(rank, 1) - 1]);
	}

	private static double millis(long nanos) {
		return nanos / 1_000_000.0;
	}

	private static double round(double millis) {
		return Math.round(millis * 1000) / 1000.0;
	}

}
