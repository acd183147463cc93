package dev.wasmworkers.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.wasmworkers.discovery.RouteMatch;
import dev.wasmworkers.execution.WorkerRejectedException;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.RequestUrl;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerInvoker;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Handles a request routed to a worker: builds the wws input, runs the worker and sends
 * its reply.
 */
final class WorkerHandler implements HandlerFunction<ServerResponse> {

	private static final String RETRY_AFTER_SECONDS = "1";

	private final WorkerCatalog catalog;

	private final WorkerInvoker invoker;

	private final int maxRequestBody;

	WorkerHandler(WorkerCatalog catalog, WorkerInvoker invoker, int maxRequestBody) {
		this.catalog = catalog;
		this.invoker = invoker;
		this.maxRequestBody = maxRequestBody;
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		RouteMatch<Worker> match = WorkerRequestPaths.bestMatch(request, this.catalog).orElseThrow();
		if (request.headers().contentLength().orElse(0) > this.maxRequestBody) {
			return tooLarge();
		}
		return DataBufferUtils.join(request.exchange().getRequest().getBody(), this.maxRequestBody)
			.map(WorkerHandler::bytes)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> Mono.fromFuture(() -> this.invoker.invoke(match.item(), input(request, match, body))))
			.flatMap(WorkerHandler::response)
			.onErrorResume(DataBufferLimitException.class, (ex) -> tooLarge())
			.onErrorResume(WorkerRejectedException.class, (ex) -> overloaded())
			.onErrorResume(WorkerTimeoutException.class, (ex) -> timedOut());
	}

	private WorkerInput input(ServerRequest request, RouteMatch<Worker> match, byte[] body) {
		Map<String, String> headers = lastValues(request.headers().asHttpHeaders());
		String url = RequestUrl.of(headers, request.uri().getScheme(), request.uri().getAuthority(),
				WorkerRequestPaths.normalizedPath(request), request.uri().getRawQuery());
		return new WorkerInput(url, request.method().name(), headers, utf8OrEmpty(body), Map.of(), match.params());
	}

	private static Map<String, String> lastValues(HttpHeaders headers) {
		Map<String, String> values = new LinkedHashMap<>();
		headers.forEach((name, list) -> {
			if (!list.isEmpty()) {
				values.put(name.toLowerCase(Locale.ROOT), list.get(list.size() - 1));
			}
		});
		return values;
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

	private static String utf8OrEmpty(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return "";
		}
	}

	private static Mono<ServerResponse> response(HttpReply reply) {
		return ServerResponse.status(reply.status())
			.headers((headers) -> ResponseHeaders.copyValid(reply.headers(), headers))
			.bodyValue(reply.body());
	}

	private static Mono<ServerResponse> tooLarge() {
		return plain(HttpStatus.CONTENT_TOO_LARGE, "Request body too large");
	}

	private static Mono<ServerResponse> overloaded() {
		return ServerResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("Server busy: too many worker runs queued, retry later");
	}

	private static Mono<ServerResponse> timedOut() {
		return plain(HttpStatus.GATEWAY_TIMEOUT, "Worker timed out");
	}

	private static Mono<ServerResponse> plain(HttpStatus status, String message) {
		return ServerResponse.status(status).contentType(MediaType.TEXT_PLAIN).bodyValue(message);
	}

}
