package dev.wasmworkers.http;

import java.util.Objects;

/**
 * One header line of an outbound request or its response.
 *
 * @param name the header name (lower case in responses)
 * @param value the header value
 */
public record HttpHeader(String name, String value) {

	/** Checks that neither part is null. */
	public HttpHeader {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(value, "value");
	}

}
