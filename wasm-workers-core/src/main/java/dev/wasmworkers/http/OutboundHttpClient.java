package dev.wasmworkers.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbound requests of every worker with one JDK {@link HttpClient}, created on
 * first use; thread-safe. Each worker gets its own {@link OutboundHttp} bound to its
 * allow-list with {@link #forWorker(String, HttpAllowList)}.
 *
 * <p>
 * A request is checked (wws §6.3: URI, host, scheme, method; then its headers), sent with
 * its own method and body, and its response read whole up to the body cap. Redirects are
 * followed here, not by the JDK client, so that each hop's URI is checked against the
 * allow-list again: a redirect to a host or scheme the worker may not use fails with
 * {@link HttpErrorKind#NOT_ALLOWED}, and more than
 * {@link OutboundHttpSettings#maxRedirects()} redirects with
 * {@link HttpErrorKind#REDIRECT_LOOP}. The calling thread waits without holding anything
 * else and stops waiting, abandoning the request, when it is interrupted.
 */
public final class OutboundHttpClient {

	private static final Logger logger = LoggerFactory.getLogger(OutboundHttpClient.class);

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	/** Redirects after which the request becomes a GET without body, as in reqwest. */
	private static final Set<Integer> REDIRECTS_TO_GET = Set.of(301, 302, 303);

	private static final byte[] NO_BODY = new byte[0];

	private final OutboundHttpSettings settings;

	private final Object lock = new Object();

	private final Consumer<HttpClient.Builder> customizer;

	private volatile @Nullable HttpClient client;

	/**
	 * Creates the client; the JDK client behind it is created on the first request.
	 * @param settings the timeouts and limits of every request
	 */
	public OutboundHttpClient(OutboundHttpSettings settings) {
		this(settings, (builder) -> {
		});
	}

	/**
	 * Creates the client with a customized JDK client, created on the first request.
	 * @param settings the timeouts and limits of every request
	 * @param customizer configures the JDK client's builder (a proxy, an SSL context, an
	 * authenticator, ...); the connect timeout and the redirect policy are set after it,
	 * since every redirect is checked against the worker's allow-list
	 */
	public OutboundHttpClient(OutboundHttpSettings settings, Consumer<HttpClient.Builder> customizer) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.customizer = Objects.requireNonNull(customizer, "customizer");
	}

	/**
	 * The settings every request is sent with.
	 * @return the settings
	 */
	public OutboundHttpSettings settings() {
		return this.settings;
	}

	/**
	 * The outbound HTTP of one worker.
	 * @param worker the worker's name, for the log
	 * @param allowList what the worker may request
	 * @return the worker's outbound HTTP, sharing this client
	 */
	public OutboundHttp forWorker(String worker, HttpAllowList allowList) {
		Objects.requireNonNull(worker, "worker");
		Objects.requireNonNull(allowList, "allowList");
		return (request) -> send(worker, allowList, request);
	}

	private OutboundResponse send(String worker, HttpAllowList allowList, OutboundRequest request)
			throws OutboundHttpException, InterruptedException {
		long started = System.nanoTime();
		try {
			OutboundResponse response = sendFollowingRedirects(allowList, request);
			if (logger.isDebugEnabled()) {
				logger.debug("Worker {}: {} {} answered {} with {} bytes in {} ms", worker, request.method(),
						request.uri(), response.status(), response.body().length, millisSince(started));
			}
			return response;
		}
		catch (OutboundHttpException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Worker {}: {} {} failed after {} ms with {}: {}", worker, request.method(), request.uri(),
						millisSince(started), ex.kind().label(), ex.getMessage(), ex.getCause());
			}
			throw ex;
		}
	}

	private OutboundResponse sendFollowingRedirects(HttpAllowList allowList, OutboundRequest request)
			throws OutboundHttpException, InterruptedException {
		URI uri = OutboundUris.parse(request.uri());
		allowList.check(uri, request.method());
		OutboundUris.requireSendable(uri);
		RequestHeaders.check(request.headers());
		HttpMethod method = request.method();
		List<HttpHeader> headers = request.headers();
		byte[] body = request.body();
		for (int redirects = 0;; redirects++) {
			HttpResponse<byte[]> response = exchange(uri, method, headers, body);
			URI next = redirectTarget(uri, response);
			if (next == null) {
				return outbound(response);
			}
			if (redirects == this.settings.maxRedirects()) {
				throw new OutboundHttpException(HttpErrorKind.REDIRECT_LOOP, "Too many redirects: more than "
						+ this.settings.maxRedirects() + ", the last one from " + uri + " to " + next);
			}
			if (REDIRECTS_TO_GET.contains(response.statusCode())) {
				method = (method == HttpMethod.HEAD) ? HttpMethod.HEAD : HttpMethod.GET;
				body = NO_BODY;
				headers = RequestHeaders.without(headers, RequestHeaders.BODY);
			}
			allowList.check(next, method);
			OutboundUris.requireSendable(next);
			if (!sameOrigin(uri, next)) {
				headers = RequestHeaders.without(headers, RequestHeaders.CREDENTIALS);
			}
			uri = next;
		}
	}

	private HttpResponse<byte[]> exchange(URI uri, HttpMethod method, List<HttpHeader> headers, byte[] body)
			throws OutboundHttpException, InterruptedException {
		HttpRequest request = request(uri, method, headers, body);
		CompletableFuture<HttpResponse<byte[]>> future = client().sendAsync(request,
				(info) -> new CappedBodySubscriber(this.settings.maxResponseBody()));
		try {
			return future.get(this.settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw readTimeout(uri, ex);
		}
		catch (ExecutionException ex) {
			throw failure(uri, ex);
		}
	}

	private HttpRequest request(URI uri, HttpMethod method, List<HttpHeader> headers, byte[] body)
			throws OutboundHttpException {
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
				.timeout(this.settings.readTimeout())
				.method(method.name(), (body.length > 0) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
			if ("http".equalsIgnoreCase(uri.getScheme())) {
				// No h2c upgrade attempt on plain connections.
				builder.version(HttpClient.Version.HTTP_1_1);
			}
			for (HttpHeader header : headers) {
				builder.header(header.name(), header.value());
			}
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			throw new OutboundHttpException(HttpErrorKind.INVALID_REQUEST,
					"The request cannot be sent: " + ex.getMessage(), ex);
		}
	}

	private HttpClient client() {
		HttpClient existing = this.client;
		if (existing != null) {
			return existing;
		}
		synchronized (this.lock) {
			if (this.client == null) {
				HttpClient.Builder builder = HttpClient.newBuilder();
				this.customizer.accept(builder);
				this.client = builder.connectTimeout(this.settings.connectTimeout())
					.followRedirects(HttpClient.Redirect.NEVER)
					.build();
			}
			return Objects.requireNonNull(this.client);
		}
	}

	private static @Nullable URI redirectTarget(URI uri, HttpResponse<byte[]> response) {
		if (!REDIRECTS.contains(response.statusCode())) {
			return null;
		}
		return response.headers()
			.firstValue("location")
			.map((location) -> OutboundUris.resolve(uri, location))
			.orElse(null);
	}

	private static OutboundResponse outbound(HttpResponse<byte[]> response) {
		List<HttpHeader> headers = new ArrayList<>();
		response.headers().map().forEach((name, values) -> {
			if (!name.startsWith(":")) {
				String lowerCase = name.toLowerCase(Locale.ROOT);
				values.forEach((value) -> headers.add(new HttpHeader(lowerCase, headerText(value))));
			}
		});
		return new OutboundResponse(response.statusCode(), headers, response.body());
	}

	/**
	 * The text of a header value: the JDK reads header bytes as ISO-8859-1, so bytes that
	 * form valid UTF-8 are decoded as UTF-8 instead.
	 */
	private static String headerText(String value) {
		byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return value;
		}
	}

	private OutboundHttpException readTimeout(URI uri, Throwable cause) {
		return new OutboundHttpException(HttpErrorKind.TIMEOUT, "No complete response from " + uri + " within "
				+ describe(this.settings.readTimeout()) + " (wasm.workers.http.read-timeout)", cause);
	}

	private OutboundHttpException failure(URI uri, ExecutionException ex) {
		Throwable cause = ex.getCause();
		while ((cause instanceof CompletionException || cause instanceof ExecutionException)
				&& cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause == null) {
			cause = ex;
		}
		if (cause instanceof CappedBodySubscriber.BodyTooLargeException) {
			return new OutboundHttpException(HttpErrorKind.INVALID_RESPONSE_BODY, cause.getMessage() + ", from " + uri,
					cause);
		}
		if (cause instanceof HttpConnectTimeoutException) {
			return new OutboundHttpException(HttpErrorKind.TIMEOUT, "Could not connect to " + uri.getHost() + " within "
					+ describe(this.settings.connectTimeout()) + " (wasm.workers.http.connect-timeout)", cause);
		}
		if (cause instanceof HttpTimeoutException) {
			return readTimeout(uri, cause);
		}
		if (cause instanceof IOException || cause instanceof IllegalArgumentException) {
			return new OutboundHttpException(HttpErrorKind.INVALID_REQUEST,
					"Error sending request for url (" + uri + "): " + describe(cause), cause);
		}
		return new OutboundHttpException(HttpErrorKind.INTERNAL_ERROR,
				"There was an error processing the request on the host side.", cause);
	}

	private static boolean sameOrigin(URI from, URI to) {
		return from.getScheme().equalsIgnoreCase(to.getScheme()) && from.getHost().equalsIgnoreCase(to.getHost())
				&& port(from) == port(to);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null && !message.isBlank()) ? ": " + message : "");
	}

	private static String describe(Duration duration) {
		return (duration.toMillisPart() == 0 && duration.toSeconds() > 0) ? duration.toSeconds() + "s"
				: duration.toMillis() + "ms";
	}

	private static long millisSince(long started) {
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

}
