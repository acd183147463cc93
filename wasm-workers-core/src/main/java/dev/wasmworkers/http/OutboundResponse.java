package dev.wasmworkers.http;

import java.util.List;
import java.util.Objects;

/**
 * The response to an outbound request, after any redirects were followed.
 *
 * <p>
 * The body array is not copied.
 *
 * @param status the status code
 * @param headers every header line of the response, names in lower case, one entry per
 * value
 * @param body the whole body; empty for a response without one
 */
public record OutboundResponse(int status, List<HttpHeader> headers, byte[] body) {

	/** Checks that no component is null and keeps an unmodifiable copy of the headers. */
	public OutboundResponse {
		headers = List.copyOf(headers);
		Objects.requireNonNull(body, "body");
	}

	@Override
	public String toString() {
		return "OutboundResponse[" + this.status + ", " + this.headers.size() + " headers, " + this.body.length
				+ " bytes]";
	}

}
