package dev.wasmworkers.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.wasmworkers.discovery.RequestPaths;
import dev.wasmworkers.discovery.RouteMatch;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;

import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.UriUtils;

/**
 * Computes, once per request, the normalised request path and the worker route wws would
 * pick for it.
 */
final class WorkerRequestPaths {

	private static final String PATH_ATTRIBUTE = WorkerRequestPaths.class.getName() + ".path";

	private static final String MATCH_ATTRIBUTE = WorkerRequestPaths.class.getName() + ".match";

	private WorkerRequestPaths() {
	}

	/**
	 * The request path, percent-decoded, with repeated slashes merged and the trailing
	 * slash trimmed.
	 * @param request the request
	 * @return the normalised path
	 */
	static String normalizedPath(ServerRequest request) {
		return (String) request.attributes()
			.computeIfAbsent(PATH_ATTRIBUTE, (key) -> RequestPaths.normalize(
					UriUtils.decode(request.requestPath().pathWithinApplication().value(), StandardCharsets.UTF_8)));
	}

	/**
	 * The best worker route for the request, as wws chooses it.
	 * @param request the request
	 * @param catalog the workers
	 * @return the match, or empty when no worker route matches
	 */
	@SuppressWarnings("unchecked")
	static Optional<RouteMatch<Worker>> bestMatch(ServerRequest request, WorkerCatalog catalog) {
		return (Optional<RouteMatch<Worker>>) request.attributes()
			.computeIfAbsent(MATCH_ATTRIBUTE, (key) -> catalog.routes().find(normalizedPath(request)));
	}

	/**
	 * The request path relative to the route prefix, or empty when the path is outside
	 * the prefix.
	 * @param normalizedPath the normalised request path
	 * @param prefix the normalised prefix, {@code ""} for none
	 * @return the path below the prefix, starting with {@code /}
	 */
	static Optional<String> withinPrefix(String normalizedPath, String prefix) {
		if (prefix.isEmpty()) {
			return Optional.of(normalizedPath);
		}
		if (normalizedPath.equals(prefix)) {
			return Optional.of("/");
		}
		if (normalizedPath.startsWith(prefix + "/")) {
			return Optional.of(normalizedPath.substring(prefix.length()));
		}
		return Optional.empty();
	}

}
