package dev.wasmworkers.config;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import dev.wasmworkers.http.HttpAllowList;
import dev.wasmworkers.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code [features.http_requests]} table: {@code allowed_hosts} and
 * {@code allowed_methods} (arrays of strings) and {@code allow_http} (a boolean).
 *
 * <p>
 * Unlike wws, where an entry that can never match (a URL, a host with a port, a wildcard,
 * a method in lower case) silently allows nothing, such entries are refused with the
 * reason.
 */
final class HttpRequestsTable {

	private static final String METHOD_NAMES = "GET, POST, PUT, PATCH, DELETE, OPTIONS or HEAD";

	private HttpRequestsTable() {
	}

	static HttpRequests of(ConfigTable root) throws WorkerConfigException {
		Optional<ConfigTable> found = root.table("features", "http_requests");
		if (found.isEmpty()) {
			return HttpRequests.defaults();
		}
		ConfigTable table = found.get();
		List<String> hosts = table.stringArray("allowed_hosts").orElse(List.of());
		for (int index = 0; index < hosts.size(); index++) {
			checkHost(table, index, hosts.get(index));
		}
		Optional<List<String>> methodNames = table.stringArray("allowed_methods");
		Set<HttpMethod> methods = methodNames.isPresent() ? methods(table, methodNames.get())
				: HttpAllowList.DEFAULT_METHODS;
		boolean allowHttp = table.bool("allow_http").orElse(false);
		return new HttpRequests(hosts, methods, allowHttp);
	}

	private static Set<HttpMethod> methods(ConfigTable table, List<String> names) throws WorkerConfigException {
		Set<HttpMethod> methods = EnumSet.noneOf(HttpMethod.class);
		for (int index = 0; index < names.size(); index++) {
			String name = names.get(index);
			Optional<HttpMethod> method = HttpMethod.ofName(name);
			if (method.isPresent()) {
				methods.add(method.get());
				continue;
			}
			String upperCase = name.toUpperCase(Locale.ROOT);
			if (HttpMethod.ofName(upperCase).isPresent()) {
				throw table.problem("allowed_methods", index,
						"\"" + name + "\" must be written in upper case: \"" + upperCase + "\"");
			}
			throw table.problem("allowed_methods", index,
					"\"" + name + "\" is not a method a worker can send; use " + METHOD_NAMES);
		}
		return methods;
	}

	private static void checkHost(ConfigTable table, int index, String host) throws WorkerConfigException {
		String reason = hostProblem(host);
		if (reason != null) {
			throw table.problem("allowed_hosts", index, "\"" + host + "\" " + reason);
		}
	}

	private static @Nullable String hostProblem(String host) {
		if (host.isEmpty()) {
			return "is empty; give a host name such as \"api.example.com\"";
		}
		if (host.contains("://")) {
			return "must be a host name without a scheme, such as \"api.example.com\"";
		}
		if (host.contains("/")) {
			return "must be a host name without a path, such as \"api.example.com\"";
		}
		if (host.contains("*")) {
			return "has a wildcard, which is not supported: list each host";
		}
		if (host.chars().anyMatch((c) -> c <= ' ' || c == '@' || c == '?' || c == '#' || c == 0x7f)) {
			return "is not a host name";
		}
		boolean ipv6 = host.startsWith("[") && host.endsWith("]") && host.indexOf(']') == host.length() - 1;
		if (!ipv6 && host.contains(":")) {
			return "must be a host name without a port (any port of an allowed host is allowed); an IPv6 address is written in brackets, such as \"[::1]\"";
		}
		return null;
	}

}
