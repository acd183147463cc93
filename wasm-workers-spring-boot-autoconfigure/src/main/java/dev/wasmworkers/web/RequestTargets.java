package dev.wasmworkers.web;

import org.jspecify.annotations.Nullable;

/**
 * Checks a request target as wws's HTTP parser does before anything is routed: a path and
 * a query made of the characters a URI allows (RFC 3986), with every {@code %} followed
 * by two hexadecimal digits, and no raw byte outside US-ASCII.
 */
final class RequestTargets {

	/** The characters a path may hold besides letters, digits and '%'. */
	private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/";

	/** The characters a query may hold besides those of a path. */
	private static final String QUERY_CHARACTERS = "?";

	private RequestTargets() {
	}

	/**
	 * Whether a request target is valid.
	 * @param rawPath the path as sent, percent-encoding intact
	 * @param rawQuery the query as sent, without the {@code ?}, or null when there is
	 * none
	 * @return whether both are valid
	 */
	static boolean isValid(String rawPath, @Nullable String rawQuery) {
		return consistsOf(rawPath, PATH_CHARACTERS)
				&& (rawQuery == null || consistsOf(rawQuery, PATH_CHARACTERS + QUERY_CHARACTERS));
	}

	private static boolean consistsOf(String text, String allowed) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%') {
				if (i + 2 >= text.length() || !isHexDigit(text.charAt(i + 1)) || !isHexDigit(text.charAt(i + 2))) {
					return false;
				}
				i += 2;
			}
			else if (!isAsciiLetterOrDigit(c) && allowed.indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiLetterOrDigit(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	}

	private static boolean isHexDigit(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

}
