package dev.wasmworkers.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the shared client sends every worker's requests.
 *
 * @param connectTimeout the longest wait to open a connection
 * @param readTimeout the longest wait for one complete response (status, headers and the
 * whole body), counted from when the request starts, per redirect hop
 * @param maxResponseBody the largest response body accepted, in bytes
 * @param maxRedirects the most redirects followed for one request
 */
public record OutboundHttpSettings(Duration connectTimeout, Duration readTimeout, long maxResponseBody,
		int maxRedirects) {

	/** The most redirects followed by default, as in wws. */
	public static final int DEFAULT_MAX_REDIRECTS = 10;

	/**
	 * The largest response body that can be given to a 32-bit WebAssembly module at all.
	 */
	public static final long LARGEST_RESPONSE_BODY = Integer.MAX_VALUE - 8;

	/** Checks that the timeouts are positive and the sizes within range. */
	public OutboundHttpSettings {
		requirePositive(connectTimeout, "connectTimeout");
		requirePositive(readTimeout, "readTimeout");
		if (maxResponseBody < 0 || maxResponseBody > LARGEST_RESPONSE_BODY) {
			throw new IllegalArgumentException(
					"maxResponseBody must be from 0 to " + LARGEST_RESPONSE_BODY + " but was " + maxResponseBody);
		}
		if (maxRedirects < 0) {
			throw new IllegalArgumentException("maxRedirects must not be negative but was " + maxRedirects);
		}
	}

	/**
	 * The defaults: 5 s to connect, 10 s for a response, 8 MiB of body, 10 redirects.
	 * @return the default settings
	 */
	public static OutboundHttpSettings defaults() {
		return new OutboundHttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 8L * 1024 * 1024,
				DEFAULT_MAX_REDIRECTS);
	}

	private static void requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive but was " + value);
		}
	}

}
