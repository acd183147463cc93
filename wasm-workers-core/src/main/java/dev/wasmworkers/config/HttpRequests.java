package dev.wasmworkers.config;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.wasmworkers.http.HttpAllowList;
import dev.wasmworkers.http.HttpMethod;

/**
 * The {@code [features.http_requests]} table of a worker's TOML file (wws §4): what the
 * worker may request through the outbound HTTP host function.
 *
 * @param allowedHosts the hosts the worker may send requests to, as written (no scheme,
 * port or path); none by default
 * @param allowedMethods the methods the worker may use; GET, POST, PUT, PATCH and DELETE
 * by default
 * @param allowHttp whether plain {@code http://} URIs are allowed; false by default
 */
public record HttpRequests(List<String> allowedHosts, Set<HttpMethod> allowedMethods, boolean allowHttp) {

	/** Keeps unmodifiable copies; the methods in the order of the ABI. */
	public HttpRequests {
		allowedHosts = List.copyOf(allowedHosts);
		allowedMethods = Collections.unmodifiableSet(
				allowedMethods.isEmpty() ? EnumSet.noneOf(HttpMethod.class) : EnumSet.copyOf(allowedMethods));
	}

	/**
	 * The settings of a worker without the table: no host, the default methods, HTTPS
	 * only.
	 * @return the defaults
	 */
	public static HttpRequests defaults() {
		return new HttpRequests(List.of(), HttpAllowList.DEFAULT_METHODS, false);
	}

	/**
	 * The allow-list these settings give.
	 * @return the allow-list the worker's requests are checked against
	 */
	public HttpAllowList allowList() {
		return new HttpAllowList(new LinkedHashSet<>(this.allowedHosts), this.allowedMethods, this.allowHttp);
	}

}
