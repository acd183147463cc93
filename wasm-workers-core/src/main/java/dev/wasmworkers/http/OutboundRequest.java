package dev.wasmworkers.http;

import java.util.List;
import java.util.Objects;

/**
 * A request a worker asks the host to send.
 *
 * <p>
 * The body array is not copied and must not change while the request is sent.
 *
 * @param method the method, sent as itself
 * @param uri the absolute URI as the worker wrote it, parsed by the host
 * @param headers the headers in the worker's order, repeated names allowed
 * @param body the body; empty when the worker gave none (an empty body is sent then, as
 * in wws)
 */
public record OutboundRequest(HttpMethod method, String uri, List<HttpHeader> headers, byte[] body) {

	/** Checks that no component is null and keeps an unmodifiable copy of the headers. */
	public OutboundRequest {
		Objects.requireNonNull(method, "method");
		Objects.requireNonNull(uri, "uri");
		headers = List.copyOf(headers);
		Objects.requireNonNull(body, "body");
	}

	@Override
	public String toString() {
		return "OutboundRequest[" + this.method + " " + this.uri + ", " + this.headers.size() + " headers, "
				+ this.body.length + " bytes]";
	}

}
