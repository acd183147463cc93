package dev.wasmworkers.web;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.worker.InvocationReplies;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * What both web stacks do with a request to the workers, whatever their types: route it
 * against the current catalog, check its body size, run the worker, and describe the
 * routes. The stack adapters only read the request and write the response.
 */
final class WorkerRequests {

	private final WorkerRouting routing;

	private final WorkerInvoker invoker;

	private final int maxRequestBody;

	private final AllowedOrigins allowedOrigins;

	WorkerRequests(WorkerCatalogHolder catalogs, WorkerInvoker invoker, DataSize maxRequestBody,
			List<String> allowedOrigins) {
		this.routing = new WorkerRouting(catalogs);
		this.invoker = invoker;
		this.maxRequestBody = (int) maxRequestBody.toBytes();
		this.allowedOrigins = AllowedOrigins.of(allowedOrigins);
	}

	/**
	 * Routes a request against the catalog being served, read once; a request whose
	 * target is not a valid URI, or holds raw bytes outside US-ASCII, is refused with 400
	 * before routing.
	 * @param method the request method
	 * @param rawPath the path within the application, as sent
	 * @param rawQuery the query as sent, or null when there is none
	 * @return where the request goes, or empty when neither a worker nor the public
	 * folder answers it
	 */
	Optional<RequestRoute> route(HttpMethod method, String rawPath, @Nullable String rawQuery) {
		if (!RequestTargets.isValid(rawPath, rawQuery)) {
			return Optional.of(new RequestRoute.Refused(HttpReply.invalidRequestTarget()));
		}
		return this.routing.current().route(method, rawPath);
	}

	/**
	 * The largest request body accepted.
	 * @return the limit, in bytes
	 */
	int maxRequestBody() {
		return this.maxRequestBody;
	}

	/**
	 * Whether a declared body length is over the limit, so that the request gets 413
	 * without its body being read.
	 * @param contentLength the {@code Content-Length}, if any
	 * @return whether it is too large
	 */
	boolean tooLarge(OptionalLong contentLength) {
		return contentLength.orElse(0) > this.maxRequestBody;
	}

	/**
	 * Runs the worker of a route for a request whose body was read.
	 * @param route the worker route
	 * @param method the request method
	 * @param headers the request headers
	 * @param uri the request URI
	 * @param body the request body
	 * @return the reply, whatever happens; cancelling it cancels the run
	 */
	CompletableFuture<HttpReply> run(RequestRoute.ToWorker route, HttpMethod method, HttpHeaders headers, URI uri,
			byte[] body) {
		return InvocationReplies
			.of(this.invoker.invoke(route.worker(), WorkerInputs.of(route, method, headers, uri, body)));
	}

	/**
	 * Runs the worker of a route for a request whose body was read, on the calling thread
	 * when a place is free at once (see {@link WorkerInvoker#invokeOnCallingThread}).
	 * @param route the worker route
	 * @param method the request method
	 * @param headers the request headers
	 * @param uri the request URI
	 * @param body the request body
	 * @return the reply, whatever happens, complete when the run was on this thread;
	 * cancelling it cancels the run
	 */
	CompletableFuture<HttpReply> runOnCallingThread(RequestRoute.ToWorker route, HttpMethod method, HttpHeaders headers,
			URI uri, byte[] body) {
		return InvocationReplies
			.of(this.invoker.invokeOnCallingThread(route.worker(), WorkerInputs.of(route, method, headers, uri, body)));
	}

	/**
	 * The answer of a worker route as it is sent: with the allowed origins as
	 * {@code Access-Control-Allow-Origin} when they are configured and the reply has no
	 * such header.
	 * @param reply the reply of the run, or the server's own reply for the route
	 * @return the reply to send
	 */
	HttpReply answer(HttpReply reply) {
		return this.allowedOrigins.addTo(reply);
	}

	/**
	 * Describes one route per worker of the current catalog, then the public folder;
	 * nothing while the first catalog is still loading (when the application context
	 * visits the router functions as it starts), without waiting for it.
	 * @param route receives the path template and the description of each route; the
	 * public folder's template is {@code null}
	 */
	void describe(BiConsumer<@Nullable String, String> route) {
		this.routing.currentIfLoaded().ifPresent((table) -> {
			for (Worker worker : table.catalog().workers()) {
				route.accept(table.pattern(worker).getPatternString(), RouteDescriptions.worker(worker));
			}
			table.catalog()
				.publicFolder()
				.ifPresent((folder) -> route.accept(null, RouteDescriptions.publicFolder(table.catalog())));
		});
	}

}
