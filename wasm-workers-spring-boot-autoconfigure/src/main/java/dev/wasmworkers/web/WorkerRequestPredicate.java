package dev.wasmworkers.web;

import java.util.Optional;

import dev.wasmworkers.discovery.RouteKind;
import dev.wasmworkers.discovery.RouteMatch;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Matches the requests that wws would route to one worker, and exposes the worker's path
 * template to Spring (so that {@code http.server.requests} is tagged per worker).
 */
final class WorkerRequestPredicate implements RequestPredicate {

	private final WorkerCatalog catalog;

	private final Worker worker;

	private final PathPattern template;

	WorkerRequestPredicate(WorkerCatalog catalog, Worker worker) {
		this.catalog = catalog;
		this.worker = worker;
		this.template = PathPatternParser.defaultInstance.parse(worker.route().pathTemplate());
	}

	@Override
	public boolean test(ServerRequest request) {
		Optional<RouteMatch<Worker>> match = WorkerRequestPaths.bestMatch(request, this.catalog);
		if (match.isEmpty() || match.get().item() != this.worker || publicFileWins(request)) {
			return false;
		}
		request.attributes().put(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE, this.template);
		request.attributes().put(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE, match.get().params());
		return true;
	}

	private boolean publicFileWins(ServerRequest request) {
		if (this.worker.route().kind() == RouteKind.STATIC || !isGetOrHead(request)) {
			return false;
		}
		String path = WorkerRequestPaths.normalizedPath(request);
		return this.catalog.publicFolder()
			.flatMap((folder) -> WorkerRequestPaths.withinPrefix(path, this.catalog.prefix()).flatMap(folder::resolve))
			.isPresent();
	}

	private static boolean isGetOrHead(ServerRequest request) {
		return HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
	}

	@Override
	public String toString() {
		return "worker " + this.worker.name() + " at " + this.template;
	}

}
