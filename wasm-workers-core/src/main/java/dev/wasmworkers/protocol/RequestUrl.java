package dev.wasmworkers.protocol;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds the absolute request URL given to a worker, taking scheme and host from
 * forwarding headers as wws does.
 */
public final class RequestUrl {

	private RequestUrl() {
	}

	/**
	 * Builds {@code scheme://host/path?query}: the scheme from {@code Forwarded: proto=},
	 * then {@code X-Forwarded-Proto}, then the connection; the host from
	 * {@code Forwarded: host=}, then {@code X-Forwarded-Host}, then {@code Host}, then
	 * the connection's local address.
	 * @param headers the request headers with lower-case names
	 * @param connectionScheme the scheme of the connection ({@code http} or
	 * {@code https})
	 * @param connectionHost the server host and port the connection reached, used without
	 * a {@code Host} header
	 * @param path the normalised request path
	 * @param rawQuery the raw query string, or null when there is none
	 * @return the absolute URL
	 */
	public static String of(Map<String, String> headers, String connectionScheme, String connectionHost, String path,
			@Nullable String rawQuery) {
		String forwarded = headers.get("forwarded");
		String scheme = firstNonEmpty(forwardedPair(forwarded, "proto"), firstValue(headers.get("x-forwarded-proto")),
				connectionScheme);
		String host = firstNonEmpty(forwardedPair(forwarded, "host"), firstValue(headers.get("x-forwarded-host")),
				headers.get("host"), connectionHost);
		StringBuilder url = new StringBuilder(scheme.toLowerCase(Locale.ROOT)).append("://").append(host).append(path);
		if (rawQuery != null && !rawQuery.isEmpty()) {
			url.append('?').append(rawQuery);
		}
		return url.toString();
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

	private static String firstNonEmpty(@Nullable String... candidates) {
		for (String candidate : candidates) {
			if (candidate != null && !candidate.isEmpty()) {
				return candidate;
			}
		}
		return "";
	}

}
