package dev.wasmworkers.http;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What one worker may request, from the {@code [features.http_requests]} table of its
 * TOML file (wws §4), checked in the order of wws §6.3 with its messages.
 *
 * <p>
 * Hosts are compared with the host of the parsed URI, never with a header; without the
 * port, without wildcards, and ignoring case (a URI's host is lower-cased when it is
 * parsed, as wws's URL parser does; the entries are lower-cased too).
 *
 * @param allowedHosts the hosts the worker may send requests to
 * @param allowedMethods the methods the worker may use
 * @param allowHttp whether plain {@code http://} URIs are allowed besides
 * {@code https://}
 */
public record HttpAllowList(Set<String> allowedHosts, Set<HttpMethod> allowedMethods, boolean allowHttp) {

	/** The methods allowed when the configuration names none, as in wws. */
	public static final Set<HttpMethod> DEFAULT_METHODS = Collections.unmodifiableSet(
			EnumSet.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE));

	/** Keeps unmodifiable copies: the hosts lower-cased, the methods in ABI order. */
	public HttpAllowList {
		Set<String> hosts = new LinkedHashSet<>();
		allowedHosts.forEach((host) -> hosts.add(host.toLowerCase(Locale.ROOT)));
		allowedHosts = Collections.unmodifiableSet(hosts);
		allowedMethods = Collections.unmodifiableSet(
				allowedMethods.isEmpty() ? EnumSet.noneOf(HttpMethod.class) : EnumSet.copyOf(allowedMethods));
	}

	/**
	 * The allow-list of a worker without {@code [features.http_requests]}: no host, so no
	 * request is sent.
	 * @return the empty allow-list with the default methods
	 */
	public static HttpAllowList none() {
		return new HttpAllowList(Set.of(), DEFAULT_METHODS, false);
	}

	/**
	 * Checks a parsed URI and a method, in the order of wws §6.3: the host (when the URI
	 * has one), then the scheme, then the method.
	 * @param uri the parsed URI of the request or of a redirect
	 * @param method the method the request is sent with
	 * @throws OutboundHttpException {@link HttpErrorKind#NOT_ALLOWED} with the wws
	 * message
	 */
	public void check(URI uri, HttpMethod method) throws OutboundHttpException {
		String host = uri.getHost();
		if (host != null && !this.allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
			throw new OutboundHttpException(HttpErrorKind.NOT_ALLOWED, "The host '" + host.toLowerCase(Locale.ROOT)
					+ "' is not allowed for this worker. Please, update the worker configuration.");
		}
		if ("http".equalsIgnoreCase(uri.getScheme()) && !this.allowHttp) {
			throw new OutboundHttpException(HttpErrorKind.NOT_ALLOWED,
					"The URI must use HTTPS. You can allow http requests in the worker configuration");
		}
		if (!this.allowedMethods.contains(method)) {
			throw new OutboundHttpException(HttpErrorKind.NOT_ALLOWED,
					"The method '" + method + "' is not allowed for this worker. Please, update the configuration.");
		}
	}

}
