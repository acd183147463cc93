package dev.wasmworkers.web;

import java.util.List;
import java.util.Optional;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The one WebFlux router function of the workers: looks each request up once in the
 * current {@link RoutingTable}, and runs the worker or answers from the public folder.
 */
public final class ReactiveWorkerRouter implements RouterFunction<ServerResponse> {

	private final WorkerRequests workers;

	private ReactiveWorkerRouter(WorkerRequests workers) {
		this.workers = workers;
	}

	/**
	 * Creates the router of the catalog being served.
	 * @param catalogs holds the catalog being served
	 * @param invoker runs a worker for a request
	 * @param maxRequestBody the largest request body accepted before a 413
	 * @param allowedOrigins the origins sent in {@code Access-Control-Allow-Origin} on
	 * worker answers that do not set it, none for no header
	 * @return the router function
	 */
	public static RouterFunction<ServerResponse> of(WorkerCatalogHolder catalogs, WorkerInvoker invoker,
			DataSize maxRequestBody, List<String> allowedOrigins) {
		return new ReactiveWorkerRouter(new WorkerRequests(catalogs, invoker, maxRequestBody, allowedOrigins));
	}

	@Override
	public Mono<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		Optional<RequestRoute> route = this.workers.route(request.method(),
				request.requestPath().pathWithinApplication().value(), request.uri().getRawQuery());
		return Mono.justOrEmpty(route.map((found) -> handler(request, found)));
	}

	private HandlerFunction<ServerResponse> handler(ServerRequest request, RequestRoute route) {
		if (route instanceof RequestRoute.ToWorker worker) {
			request.attributes().put(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE, worker.pattern());
			request.attributes().put(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE, worker.params());
			return (matched) -> run(matched, worker);
		}
		if (route instanceof RequestRoute.Refused refused) {
			return (matched) -> send(refused.reply());
		}
		RequestRoute.ToPublicFile file = (RequestRoute.ToPublicFile) route;
		return (matched) -> publicFile(file);
	}

	private Mono<ServerResponse> run(ServerRequest request, RequestRoute.ToWorker route) {
		if (this.workers.tooLarge(request.headers().contentLength())) {
			return finish(HttpReply.requestTooLarge());
		}
		return DataBufferUtils.join(request.exchange().getRequest().getBody(), this.workers.maxRequestBody())
			.map(ReactiveWorkerRouter::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> onEventLoop(request,
					Mono.fromFuture(() -> this.workers.run(route, request.method(), request.headers().asHttpHeaders(),
							request.uri(), body))))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(HttpReply.requestTooLarge()))
			.flatMap(this::finish);
	}

	/**
	 * Moves a run's reply, which comes on a worker thread, to the event loop of the
	 * request's connection when it has one (see {@link ConnectionEventLoop}).
	 * @param request the request
	 * @param reply the reply
	 * @return the reply, on the connection's event loop when there is one
	 */
	private static Mono<HttpReply> onEventLoop(ServerRequest request, Mono<HttpReply> reply) {
		Scheduler eventLoop = ConnectionEventLoop.of(request.exchange().getRequest());
		return (eventLoop != null) ? reply.publishOn(eventLoop) : reply;
	}

	/**
	 * Sends the answer of a worker route: the one place where a WebFlux response to a
	 * worker route is made.
	 * @param reply the reply
	 * @return the response
	 */
	private Mono<ServerResponse> finish(HttpReply reply) {
		return send(this.workers.answer(reply));
	}

	private static Mono<ServerResponse> send(HttpReply reply) {
		return ServerResponse.status(reply.status())
			.headers((headers) -> ResponseHeaders.copyValid(reply.headers(), headers))
			.bodyValue(reply.body());
	}

	private static Mono<ServerResponse> publicFile(RequestRoute.ToPublicFile answer) {
		if (answer.file() == null || answer.contentType() == null) {
			return ServerResponse.status(answer.status()).allow(HttpMethod.GET, HttpMethod.HEAD).build();
		}
		return ServerResponse.status(answer.status())
			.contentType(answer.contentType())
			.bodyValue(new FileSystemResource(answer.file()));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	/**
	 * Describes one route per worker of the current catalog, and the public folder, for
	 * {@code /actuator/mappings}.
	 * @param visitor the visitor
	 */
	@Override
	public void accept(RouterFunctions.Visitor visitor) {
		this.workers.describe((pattern, description) -> visitor.route(
				(pattern != null) ? RequestPredicates.path(pattern) : RequestPredicates.all(),
				new Described(this, description)));
	}

	@Override
	public String toString() {
		return "Wasm workers router";
	}

	/**
	 * A handler that serves a request as the router does, described for the mappings
	 * endpoint.
	 */
	private record Described(ReactiveWorkerRouter router,
			String description) implements HandlerFunction<ServerResponse> {

		@Override
		public Mono<ServerResponse> handle(ServerRequest request) {
			return this.router.route(request)
				.flatMap((handler) -> handler.handle(request))
				.switchIfEmpty(ServerResponse.notFound().build());
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

}
