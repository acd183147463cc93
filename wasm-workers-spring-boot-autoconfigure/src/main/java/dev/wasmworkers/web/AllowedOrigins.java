package dev.wasmworkers.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.wasmworkers.protocol.HttpReply;
import org.jspecify.annotations.Nullable;

/**
 * wws's {@code --cors}: the origins added, joined by commas, as
 * {@code Access-Control-Allow-Origin} to the answers of worker routes that do not set
 * that header themselves.
 */
final class AllowedOrigins {

	private static final String HEADER = "access-control-allow-origin";

	private final @Nullable String value;

	private AllowedOrigins(@Nullable String value) {
		this.value = value;
	}

	/**
	 * The allowed origins; none adds nothing.
	 * @param origins the origins, such as {@code https://a.example} or {@code *}
	 * @return the origins
	 */
	static AllowedOrigins of(List<String> origins) {
		return new AllowedOrigins(origins.isEmpty() ? null : String.join(",", origins));
	}

	/**
	 * Adds the header to a reply that has none (in any letter case).
	 * @param reply the answer of a worker route
	 * @return the reply to send
	 */
	HttpReply addTo(HttpReply reply) {
		if (this.value == null || reply.headers().keySet().stream().anyMatch(HEADER::equalsIgnoreCase)) {
			return reply;
		}
		Map<String, String> headers = new LinkedHashMap<>(reply.headers());
		headers.put(HEADER, this.value);
		return new HttpReply(reply.status(), headers, reply.body());
	}

}
