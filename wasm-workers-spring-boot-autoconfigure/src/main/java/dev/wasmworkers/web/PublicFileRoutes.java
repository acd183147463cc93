package dev.wasmworkers.web;

import java.nio.file.Path;
import java.util.Optional;

import dev.wasmworkers.discovery.PublicFolder;
import dev.wasmworkers.worker.WorkerCatalog;
import reactor.core.publisher.Mono;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the files of the project's {@code public/} folder, and {@code public/404.html}
 * for unmatched paths.
 */
public final class PublicFileRoutes {

	private PublicFileRoutes() {
	}

	/**
	 * Creates the fallback routes: GET and HEAD of a public file serve it, another method
	 * on it gets 405, and any other path gets {@code public/404.html} with status 404
	 * when that page exists.
	 * @param catalog the workers, with their public folder and prefix
	 * @return the router function, matching nothing when the project has no public folder
	 */
	public static RouterFunction<ServerResponse> of(WorkerCatalog catalog) {
		return (request) -> Mono
			.justOrEmpty(catalog.publicFolder().flatMap((folder) -> handler(catalog, folder, request)));
	}

	private static Optional<HandlerFunction<ServerResponse>> handler(WorkerCatalog catalog, PublicFolder folder,
			ServerRequest request) {
		Optional<Path> file = WorkerRequestPaths
			.withinPrefix(WorkerRequestPaths.normalizedPath(request), catalog.prefix())
			.flatMap(folder::resolve);
		if (file.isPresent()) {
			HttpMethod method = request.method();
			if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
				return Optional.of((req) -> file(HttpStatus.OK, file.get()));
			}
			return Optional.of((req) -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
				.allow(HttpMethod.GET, HttpMethod.HEAD)
				.build());
		}
		return folder.notFoundPage().map((page) -> (req) -> file(HttpStatus.NOT_FOUND, page));
	}

	private static Mono<ServerResponse> file(HttpStatus status, Path file) {
		MediaType type = MediaTypeFactory.getMediaType(file.getFileName().toString())
			.orElse(MediaType.APPLICATION_OCTET_STREAM);
		return ServerResponse.status(status).contentType(type).bodyValue(new FileSystemResource(file));
	}

}
