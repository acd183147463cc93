package dev.wasmworkers.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

import dev.wasmworkers.discovery.PublicFolder;
import dev.wasmworkers.discovery.RequestPaths;
import dev.wasmworkers.discovery.RouteKind;
import dev.wasmworkers.discovery.RouteMatch;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One catalog with each worker's path template parsed once: decides, for both web stacks,
 * where a request goes.
 * <p>
 * The rules, as in wws: the path is percent-decoded, repeated slashes merged and the
 * trailing slash trimmed; the worker route of highest priority wins, except that for GET
 * and HEAD a file of the public folder wins over a dynamic or catch-all route; a public
 * file answers GET and HEAD, and 405 to other methods; anything else gets
 * {@code public/404.html} with 404 when the project has one.
 */
final class RoutingTable {

	private final WorkerCatalog catalog;

	private final Map<Worker, PathPattern> patterns = new IdentityHashMap<>();

	RoutingTable(WorkerCatalog catalog) {
		this.catalog = catalog;
		for (Worker worker : catalog.workers()) {
			this.patterns.put(worker, PathPatternParser.defaultInstance.parse(worker.route().pathTemplate()));
		}
	}

	/**
	 * The catalog this table routes to.
	 * @return the catalog
	 */
	WorkerCatalog catalog() {
		return this.catalog;
	}

	/**
	 * The path template of a worker of this table.
	 * @param worker the worker
	 * @return its parsed template
	 */
	PathPattern pattern(Worker worker) {
		return this.patterns.get(worker);
	}

	/**
	 * Decides where a request goes.
	 * @param method the request method
	 * @param rawPath the raw (percent-encoded) path within the application, a valid URI
	 * path
	 * @return the route, or empty when neither a worker nor the public folder answers
	 */
	Optional<RequestRoute> route(HttpMethod method, String rawPath) {
		String path = RequestPaths.normalize(UriUtils.decode(rawPath, StandardCharsets.UTF_8));
		String pathAsSent = RequestPaths.normalize(rawPath);
		boolean getOrHead = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
		Optional<RouteMatch<Worker>> match = this.catalog.routes().find(path);
		if (match.isPresent() && !(getOrHead && publicFileWins(match.get(), path))) {
			Worker worker = match.get().item();
			return Optional
				.of(new RequestRoute.ToWorker(worker, match.get().params(), this.patterns.get(worker), pathAsSent));
		}
		Optional<PublicFolder> folder = this.catalog.publicFolder();
		if (folder.isEmpty()) {
			return Optional.empty();
		}
		Optional<Path> file = publicFile(folder.get(), path);
		if (file.isPresent()) {
			return Optional.of(getOrHead ? file(HttpStatus.OK, file.get())
					: new RequestRoute.ToPublicFile(HttpStatus.METHOD_NOT_ALLOWED, null, null));
		}
		return folder.get().notFoundPage().map((page) -> file(HttpStatus.NOT_FOUND, page));
	}

	private boolean publicFileWins(RouteMatch<Worker> match, String path) {
		return match.route().kind() != RouteKind.STATIC
				&& this.catalog.publicFolder().flatMap((folder) -> publicFile(folder, path)).isPresent();
	}

	private Optional<Path> publicFile(PublicFolder folder, String path) {
		return withinPrefix(path, this.catalog.prefix()).flatMap(folder::resolve);
	}

	private static RequestRoute file(HttpStatus status, Path file) {
		MediaType type = MediaTypeFactory.getMediaType(file.getFileName().toString())
			.orElse(MediaType.APPLICATION_OCTET_STREAM);
		return new RequestRoute.ToPublicFile(status, file, type);
	}

	/**
	 * The request path relative to the route prefix, or empty when the path is outside
	 * the prefix.
	 * @param path the normalised request path
	 * @param prefix the normalised prefix, {@code ""} for none
	 * @return the path below the prefix, starting with {@code /}
	 */
	static Optional<String> withinPrefix(String path, String prefix) {
		if (prefix.isEmpty()) {
			return Optional.of(path);
		}
		if (path.equals(prefix)) {
			return Optional.of("/");
		}
		if (path.startsWith(prefix + "/")) {
			return Optional.of(path.substring(prefix.length()));
		}
		return Optional.empty();
	}

}
