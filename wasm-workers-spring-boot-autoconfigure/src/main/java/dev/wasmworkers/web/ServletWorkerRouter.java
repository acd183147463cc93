package dev.wasmworkers.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.FileSystemResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.DeferredResultProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The one Spring MVC router function of the workers: looks each request up once in the
 * current {@link RoutingTable}, and runs the worker or answers from the public folder.
 * <p>
 * A worker runs on the container thread when its gate and a slot of the executor are free
 * at once, and the response is written when it returns. Otherwise it runs asynchronously:
 * the container thread is released while the run waits and runs on a worker thread, and
 * the response is written on a container thread when its future completes, without an
 * asynchronous re-dispatch ({@link ServletAsyncAnswer}). Under MockMvc, which can only
 * wait for Spring's own asynchronous results, the response comes through Spring's
 * asynchronous re-dispatch instead; the request is routed once, the re-dispatch reusing
 * the handler chosen at first. The container's async timeout
 * ({@code spring.mvc.async.request-timeout}) does not apply: the worker's own deadline
 * does. When the container ends an asynchronous request early (client gone, error) the
 * run is cancelled; a run on the container thread goes on to its end or its deadline.
 */
public final class ServletWorkerRouter implements RouterFunction<ServerResponse> {

	private static final String HANDLER_ATTRIBUTE = ServletWorkerRouter.class.getName() + ".handler";

	/**
	 * The container's timeout for a worker's response: longer than any run may take, so
	 * that the worker's own deadline (and queue) decide, as on WebFlux; finite, so that
	 * MockMvc waits for the response without being told how long.
	 */
	private static final Duration ASYNC_TIMEOUT = Duration.ofHours(1);

	/**
	 * The request attribute MockMvc sets on each request it performs (its
	 * {@code MVC_RESULT_ATTRIBUTE}), which tells its requests apart.
	 */
	private static final String MOCK_MVC_RESULT_ATTRIBUTE = "org.springframework.test.web.servlet.MockMvc.MVC_RESULT_ATTRIBUTE";

	private static final List<HttpMessageConverter<?>> MESSAGE_CONVERTERS = List.of(new ByteArrayHttpMessageConverter(),
			new ResourceHttpMessageConverter());

	private final WorkerRequests workers;

	private final ServletAsyncAnswer asyncAnswer = new ServletAsyncAnswer(MESSAGE_CONVERTERS);

	private ServletWorkerRouter(WorkerRequests workers) {
		this.workers = workers;
	}

	/**
	 * The message converters that write the router's responses, for its handler mapping.
	 * @return the converters
	 */
	public static List<HttpMessageConverter<?>> messageConverters() {
		return MESSAGE_CONVERTERS;
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
		return new ServletWorkerRouter(new WorkerRequests(catalogs, invoker, maxRequestBody, allowedOrigins));
	}

	@Override
	public Optional<HandlerFunction<ServerResponse>> route(ServerRequest request) {
		HttpServletRequest servletRequest = request.servletRequest();
		DispatcherType dispatcherType = servletRequest.getDispatcherType();
		if (dispatcherType == DispatcherType.ASYNC) {
			return Optional.ofNullable((Routed) servletRequest.getAttribute(HANDLER_ATTRIBUTE))
				.map((routed) -> routed.matched(request));
		}
		if (dispatcherType != DispatcherType.REQUEST) {
			return Optional.empty();
		}
		Optional<RequestRoute> route = this.workers.route(request.method(),
				request.requestPath().pathWithinApplication().value(), servletRequest.getQueryString());
		return route.map((found) -> {
			Routed routed = new Routed(found, handler(found));
			servletRequest.setAttribute(HANDLER_ATTRIBUTE, routed);
			return routed.matched(request);
		});
	}

	private HandlerFunction<ServerResponse> handler(RequestRoute route) {
		if (route instanceof RequestRoute.ToWorker worker) {
			return (request) -> run(request, worker);
		}
		if (route instanceof RequestRoute.Refused refused) {
			return (request) -> send(refused.reply());
		}
		RequestRoute.ToPublicFile file = (RequestRoute.ToPublicFile) route;
		return (request) -> publicFile(file);
	}

	private ServerResponse run(ServerRequest request, RequestRoute.ToWorker route) throws IOException {
		if (this.workers.tooLarge(request.headers().contentLength())) {
			return finish(HttpReply.requestTooLarge());
		}
		byte[] body = readBody(request.servletRequest());
		if (body == null) {
			return finish(HttpReply.requestTooLarge());
		}
		CompletableFuture<HttpReply> reply = this.workers.runOnCallingThread(route, request.method(),
				request.headers().asHttpHeaders(), request.uri(), body);
		if (reply.isDone()) {
			return finish(reply.join());
		}
		HttpServletRequest servletRequest = request.servletRequest();
		if (servletRequest.getAttribute(MOCK_MVC_RESULT_ATTRIBUTE) == null) {
			return this.asyncAnswer.answerLater(servletRequest, reply, this::finish, ASYNC_TIMEOUT.toMillis());
		}
		WebAsyncUtils.getAsyncManager(servletRequest)
			.registerDeferredResultInterceptor(ServletWorkerRouter.class.getName(), new CancelOnCompletion(reply));
		return ServerResponse.async(reply.thenApply(this::finish), ASYNC_TIMEOUT);
	}

	/**
	 * Reads the body of a request whose declared length, if any, is within the limit:
	 * exactly that many bytes when it is declared, otherwise up to one byte past the
	 * limit, with no buffer allocated when there is none (a GET).
	 * @return the body, or null when it is over the limit
	 */
	private @Nullable byte[] readBody(HttpServletRequest request) throws IOException {
		long declared = request.getContentLengthLong();
		try (InputStream in = request.getInputStream()) {
			if (declared >= 0) {
				return in.readNBytes((int) declared);
			}
			int first = in.read();
			if (first < 0) {
				return new byte[0];
			}
			byte[] rest = in.readNBytes(this.workers.maxRequestBody());
			if (rest.length >= this.workers.maxRequestBody()) {
				return null;
			}
			byte[] body = new byte[rest.length + 1];
			body[0] = (byte) first;
			System.arraycopy(rest, 0, body, 1, rest.length);
			return body;
		}
	}

	/**
	 * Sends the answer of a worker route: the one place where a Spring MVC response to a
	 * worker route is made.
	 * @param reply the reply
	 * @return the response
	 */
	private ServerResponse finish(HttpReply reply) {
		return send(this.workers.answer(reply));
	}

	private static ServerResponse send(HttpReply reply) {
		return ServerResponse.status(reply.status())
			.headers((headers) -> ResponseHeaders.copyValid(reply.headers(), headers))
			.body(reply.body());
	}

	private static ServerResponse publicFile(RequestRoute.ToPublicFile answer) {
		if (answer.file() == null || answer.contentType() == null) {
			return ServerResponse.status(answer.status()).allow(HttpMethod.GET, HttpMethod.HEAD).build();
		}
		return ServerResponse.status(answer.status())
			.contentType(answer.contentType())
			.body(new FileSystemResource(answer.file()));
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

	/** The route chosen for a request and its handler, kept for the async re-dispatch. */
	private record Routed(RequestRoute route, HandlerFunction<ServerResponse> handler) {

		HandlerFunction<ServerResponse> matched(ServerRequest request) {
			if (this.route instanceof RequestRoute.ToWorker worker) {
				request.attributes().put(RouterFunctions.MATCHING_PATTERN_ATTRIBUTE, worker.pattern());
				request.attributes().put(RouterFunctions.URI_TEMPLATE_VARIABLES_ATTRIBUTE, worker.params());
			}
			return this.handler;
		}

	}

	/**
	 * Cancels a worker's run when Spring ends its asynchronous request (under MockMvc).
	 */
	private record CancelOnCompletion(
			CompletableFuture<HttpReply> reply) implements DeferredResultProcessingInterceptor {

		@Override
		public <T> void afterCompletion(NativeWebRequest request, DeferredResult<T> deferredResult) {
			this.reply.cancel(true);
		}

	}

	/**
	 * A handler that serves a request as the router does, described for the mappings
	 * endpoint.
	 */
	private record Described(ServletWorkerRouter router,
			String description) implements HandlerFunction<ServerResponse> {

		@Override
		public ServerResponse handle(ServerRequest request) throws Exception {
			Optional<HandlerFunction<ServerResponse>> handler = this.router.route(request);
			return (handler.isPresent()) ? handler.get().handle(request) : ServerResponse.notFound().build();
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

}
