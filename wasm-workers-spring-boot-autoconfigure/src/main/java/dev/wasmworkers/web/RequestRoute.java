package dev.wasmworkers.web;

import java.nio.file.Path;
import java.util.Map;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.worker.Worker;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Where one request goes, as decided by a {@link RoutingTable}: to a worker, or to an
 * answer from the public folder; or the answer to a request refused before routing.
 */
sealed interface RequestRoute {

	/**
	 * The request goes to a worker.
	 *
	 * @param worker the worker
	 * @param params the route parameters taken from the path
	 * @param pattern the worker's path template, the {@code uri} of its HTTP metrics
	 * @param path the request path as sent, percent-encoding intact, with repeated
	 * slashes merged and the trailing slash trimmed (what the worker's {@code url} holds)
	 */
	record ToWorker(Worker worker, Map<String, String> params, PathPattern pattern,
			String path) implements RequestRoute {

	}

	/**
	 * The request is refused before routing, with this reply: its target is not a valid
	 * URI.
	 *
	 * @param reply the reply
	 */
	record Refused(HttpReply reply) implements RequestRoute {

	}

	/**
	 * The request is answered from the public folder: a file (200), {@code 404.html}
	 * (404), or 405 for a method other than GET or HEAD on a public file.
	 *
	 * @param status the status
	 * @param file the file to send, {@code null} for 405
	 * @param contentType the file's content type, {@code null} for 405
	 */
	record ToPublicFile(HttpStatus status, @Nullable Path file,
			@Nullable MediaType contentType) implements RequestRoute {

	}

}
