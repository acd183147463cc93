package dev.wasmworkers.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a worker's output into the HTTP reply, with the wws rules for status, headers and
 * body.
 */
public final class WorkerReplies {

	private static final String CONTENT_TYPE = "content-type";

	private WorkerReplies() {
	}

	/**
	 * Builds the reply: an invalid status becomes 200, {@code content-type: text/html} is
	 * the default, {@code _} in header names becomes {@code -}, and base64 data is
	 * decoded (the caller answers {@link HttpReply#badBase64()} when it does not).
	 * @param output the worker's decoded output
	 * @return the HTTP reply
	 * @throws InvalidWorkerOutputException if the output says its data is base64 and it
	 * is not
	 */
	public static HttpReply decode(WorkerOutput output) throws InvalidWorkerOutputException {
		byte[] body;
		if (output.base64()) {
			try {
				body = Base64.getDecoder().decode(output.data());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidWorkerOutputException("data is not valid base64: " + ex.getMessage());
			}
		}
		else {
			body = output.data().getBytes(StandardCharsets.UTF_8);
		}
		return new HttpReply(status(output.status()), headers(output.headers()), body);
	}

	private static int status(int status) {
		return (status < 100 || status > 999) ? 200 : status;
	}

	private static Map<String, String> headers(Map<String, String> workerHeaders) {
		Map<String, String> byLowerName = new LinkedHashMap<>();
		Map<String, String> headers = new LinkedHashMap<>();
		byLowerName.put(CONTENT_TYPE, CONTENT_TYPE);
		headers.put(CONTENT_TYPE, "text/html");
		workerHeaders.forEach((name, value) -> {
			String sent = name.replace('_', '-');
			String previous = byLowerName.put(sent.toLowerCase(Locale.ROOT), sent);
			if (previous != null) {
				headers.remove(previous);
			}
			headers.put(sent, value);
		});
		return headers;
	}

}
