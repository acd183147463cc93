package dev.wasmworkers.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The HTTP response the server sends for one worker run: status, headers and body bytes.
 * <p>
 * Every status the server decides itself, rather than the worker, is decided here: the
 * failed run (500), undecodable base64 (503), a full queue (503 with
 * {@code Retry-After}), a run past its deadline (504), a request body over the limit
 * (413), an invalid request target (400) and KV changes over a namespace limit (507).
 *
 * @param status the HTTP status code
 * @param headers the response headers, names as they will be sent
 * @param body the response body
 */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {

	/** The body wws sends for every failed run. */
	public static final String ERROR_PAGE = "<p>There was an error running this function</p>";

	/** The body wws sends when a worker's base64 data cannot be decoded. */
	public static final String BAD_BASE64_MESSAGE = "There was an error running the worker";

	public HttpReply {
		headers = Map.copyOf(headers);
	}

	/**
	 * The wws answer to a failed run: 500 with the error page as HTML.
	 * @return the error reply
	 */
	public static HttpReply errorPage() {
		return new HttpReply(500, Map.of("content-type", "text/html"), ERROR_PAGE.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The wws answer to output whose base64 data does not decode: 503 with a plain
	 * message.
	 * @return the error reply
	 */
	public static HttpReply badBase64() {
		return plainText(503, BAD_BASE64_MESSAGE);
	}

	/**
	 * The answer to a request whose body is larger than the configured maximum: 413, sent
	 * before any worker runs.
	 * @return the reply
	 */
	public static HttpReply requestTooLarge() {
		return plainText(413, "Request body too large");
	}

	/**
	 * The answer to a request whose target is not a valid URI or holds raw bytes outside
	 * US-ASCII: 400, sent before any routing, as wws's HTTP parser refuses it.
	 * @return the reply
	 */
	public static HttpReply invalidRequestTarget() {
		return plainText(400, "Bad request: the request target is not a valid URI");
	}

	/**
	 * The answer when the worker's queue or the server's queue is full: 503 with
	 * {@code Retry-After: 1}.
	 * @return the reply
	 */
	public static HttpReply overloaded() {
		return new HttpReply(503, Map.of("content-type", "text/plain", "retry-after", "1"),
				"Server busy: too many worker runs queued, retry later".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The answer to a run stopped at its deadline: 504.
	 * @return the reply
	 */
	public static HttpReply timedOut() {
		return plainText(504, "Worker timed out");
	}

	/**
	 * The answer to a run whose KV changes would pass a limit of its namespace: 507, and
	 * nothing changed.
	 * @param reason which limit, and of which namespace
	 * @return the reply
	 */
	public static HttpReply kvLimitExceeded(String reason) {
		return plainText(507, reason);
	}

	/**
	 * The answer to a run whose KV namespace changed during each of its runs, with
	 * {@code on_conflict = "retry"}: 409, and nothing changed.
	 * @param reason which namespace, and how many runs
	 * @return the reply
	 */
	public static HttpReply kvConflict(String reason) {
		return plainText(409, reason);
	}

	/**
	 * The answer when the KV store cannot be reached: 503 with {@code Retry-After: 1}.
	 * The worker did not run, or its changes may not have been stored.
	 * @param reason what could not be done
	 * @return the reply
	 */
	public static HttpReply kvUnavailable(String reason) {
		return new HttpReply(503, Map.of("content-type", "text/plain", "retry-after", "1"),
				reason.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * A reply with a short plain-text message.
	 * @param status the HTTP status code
	 * @param message the body
	 * @return the reply
	 */
	public static HttpReply plainText(int status, String message) {
		return new HttpReply(status, Map.of("content-type", "text/plain"), message.getBytes(StandardCharsets.UTF_8));
	}

}
