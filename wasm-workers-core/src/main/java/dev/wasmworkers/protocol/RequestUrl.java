package dev.wasmworkers.protocol;

import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Builds the absolute request URL given to a worker, taking scheme and host from
 * forwarding headers as wws does, but only values that are a scheme and a host: anything
 * else is ignored, so that a header cannot inject a path, a query or a fragment into the
 * URL the worker parses.
 */
public final class RequestUrl {

	/**
	 * A host name or IPv4 address (letters, digits, dots, hyphens and underscores,
	 * starting with a letter or digit), or an IPv6 address in brackets, then an optional
	 * port.
	 */
	private static final Pattern HOST_AND_PORT = Pattern
		.compile("(?:[A-Za-z0-9][A-Za-z0-9._-]{0,252}|\\[[0-9A-Fa-f:.]{2,45}\\])(?::([0-9]{1,5}))?");

	private static final int LARGEST_PORT = 65535;

	private RequestUrl() {
	}

	/**
	 * Builds {@code scheme://host/path?query}: the scheme from {@code Forwarded: proto=},
	 * then {@code X-Forwarded-Proto}, then the connection; the host from
	 * {@code Forwarded: host=}, then {@code X-Forwarded-Host}, then {@code Host}, then
	 * the connection's host. A scheme other than {@code http} or {@code https}, and a
	 * host that is not a host name, IPv4 address or bracketed IPv6 address with an
	 * optional port, are skipped for the next source; when none is valid, the scheme is
	 * {@code http} and the host {@code localhost}.
	 * @param headers the request headers with lower-case names
	 * @param connectionScheme the scheme of the connection ({@code http} or
	 * {@code https})
	 * @param connectionHost the server host and port the connection reached, used when no
	 * header gives a valid host
	 * @param path the normalised request path
	 * @param rawQuery the raw query string, or null when there is none
	 * @return the absolute URL
	 */
	public static String of(Map<String, String> headers, String connectionScheme, String connectionHost, String path,
			@Nullable String rawQuery) {
		String forwarded = headers.get("forwarded");
		String scheme = firstValid(RequestUrl::isScheme, "http", forwardedPair(forwarded, "proto"),
				firstValue(headers.get("x-forwarded-proto")), connectionScheme);
		String host = firstValid(RequestUrl::isHost, "localhost", forwardedPair(forwarded, "host"),
				firstValue(headers.get("x-forwarded-host")), headers.get("host"), connectionHost);
		StringBuilder url = new StringBuilder(scheme.toLowerCase(Locale.ROOT)).append("://").append(host).append(path);
		if (rawQuery != null && !rawQuery.isEmpty()) {
			url.append('?').append(rawQuery);
		}
		return url.toString();
	}

	/**
	 * Whether a value is a host name, an IPv4 address or a bracketed IPv6 address,
	 * optionally followed by a port from 0 to 65535.
	 * @param value the value of a header
	 * @return whether it can be the host part of a URL as it is
	 */
	static boolean isHost(String value) {
		Matcher matcher = HOST_AND_PORT.matcher(value);
		return matcher.matches() && (matcher.group(1) == null || Integer.parseInt(matcher.group(1)) <= LARGEST_PORT);
	}

	private static boolean isScheme(String value) {
		return value.equalsIgnoreCase("http") || value.equalsIgnoreCase("https");
	}

	private static @Nullable String forwardedPair(@Nullable String forwarded, String name) {
		if (forwarded == null) {
			return null;
		}
		String firstElement = forwarded.split(",", 2)[0];
		for (String pair : firstElement.split(";")) {
			int equals = pair.indexOf('=');
			if (equals > 0 && pair.substring(0, equals).trim().equalsIgnoreCase(name)) {
				return unquote(pair.substring(equals + 1).trim());
			}
		}
		return null;
	}

	private static String unquote(String value) {
		if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

	private static @Nullable String firstValue(@Nullable String header) {
		return (header != null) ? header.split(",", 2)[0].trim() : null;
	}

	private static String firstValid(Predicate<String> valid, String fallback, @Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && valid.test(candidate)) {
				return candidate;
			}
		}
		return fallback;
	}

}
