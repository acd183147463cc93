package dev.wasmworkers.http;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks the headers a worker wants to send: names must be HTTP tokens, values visible
 * ASCII (with spaces and tabs), and the headers that frame the message or pick its
 * destination are the host's alone.
 */
final class RequestHeaders {

	/**
	 * Headers the HTTP client sets from the URI and the body; a worker that set them
	 * could misframe the request or name another host than the one checked.
	 */
	static final Set<String> HOST_CONTROLLED = Set.of("host", "content-length", "transfer-encoding", "connection",
			"keep-alive", "proxy-connection", "upgrade", "http2-settings", "te", "trailer", "expect");

	/**
	 * Headers that carry credentials, dropped when a redirect leads to another origin (as
	 * reqwest does).
	 */
	static final Set<String> CREDENTIALS = Set.of("authorization", "proxy-authorization", "cookie", "cookie2",
			"www-authenticate");

	/**
	 * Headers that describe the body, dropped when a redirect turns the request into a
	 * GET.
	 */
	static final Set<String> BODY = Set.of("content-type", "content-encoding", "content-language", "content-location");

	private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

	private RequestHeaders() {
	}

	/**
	 * Checks every header.
	 * @throws OutboundHttpException {@link HttpErrorKind#INVALID_REQUEST} naming the
	 * first header that cannot be sent
	 */
	static void check(List<HttpHeader> headers) throws OutboundHttpException {
		for (HttpHeader header : headers) {
			if (!isToken(header.name())) {
				throw new OutboundHttpException(HttpErrorKind.INVALID_REQUEST,
						"The header name '" + printable(header.name()) + "' is not a valid HTTP header name");
			}
			if (HOST_CONTROLLED.contains(header.name().toLowerCase(Locale.ROOT))) {
				throw new OutboundHttpException(HttpErrorKind.INVALID_REQUEST, "The header '" + header.name()
						+ "' cannot be set by a worker: the host sets it from the URI and the body");
			}
			if (!isValidValue(header.value())) {
				throw new OutboundHttpException(HttpErrorKind.INVALID_REQUEST, "The value of the header '"
						+ header.name()
						+ "' has a character that cannot be sent: only visible ASCII characters, spaces and tabs are allowed");
			}
		}
	}

	/** The headers without those whose lower-case name is in the set. */
	static List<HttpHeader> without(List<HttpHeader> headers, Set<String> names) {
		return headers.stream().filter((header) -> !names.contains(header.name().toLowerCase(Locale.ROOT))).toList();
	}

	private static boolean isToken(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
			if (!alphanumeric && TOKEN_SYMBOLS.indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isValidValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c != '\t' && (c < 0x20 || c > 0x7e)) {
				return false;
			}
		}
		return true;
	}

	private static String printable(String text) {
		StringBuilder printable = new StringBuilder();
		text.codePoints()
			.forEach((c) -> printable
				.append((c < 0x20 || c == 0x7f) ? String.format("\\x%02x", c) : new String(Character.toChars(c))));
		return printable.toString();
	}

}
