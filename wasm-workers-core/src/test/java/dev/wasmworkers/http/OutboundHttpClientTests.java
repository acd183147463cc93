package dev.wasmworkers.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client against a real HTTP server on 127.0.0.1. */
class OutboundHttpClientTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NOT_ALLOWED_HOST = "The host '%s' is not allowed for this worker. Please, update the worker configuration.";

	private final LoopbackServer server = new LoopbackServer();

	private final OutboundHttpClient client = new OutboundHttpClient(
			new OutboundHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500), 64 * 1024, 10));

	private final OutboundHttp loopback = this.client.forWorker("test",
			new HttpAllowList(Set.of("127.0.0.1"), EnumSet.allOf(HttpMethod.class), true));

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@ParameterizedTest
	@EnumSource(HttpMethod.class)
	void sendsEveryMethodAsItself(HttpMethod method) throws Exception {
		OutboundResponse response = this.loopback.send(request(method, "/echo"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(this.server.received()).singleElement()
			.satisfies((received) -> assertThat(received.method()).isEqualTo(method.name()));
		if (method != HttpMethod.HEAD) {
			assertThat(json(response).get("method").asString()).isEqualTo(method.name());
		}
		else {
			assertThat(response.body()).isEmpty();
		}
	}

	@Test
	void sendsTheWorkersHeadersInOrderWithRepeatedNames() throws Exception {
		this.loopback.send(
				new OutboundRequest(
						HttpMethod.GET, this.server.uri("/echo"), List.of(new HttpHeader("x-a", "1"),
								new HttpHeader("X-B", "two words, and more"), new HttpHeader("x-a", "2")),
						new byte[0]));

		Map<String, List<String>> headers = this.server.received().get(0).headers();
		assertThat(headers).containsEntry("x-a", List.of("1", "2"))
			.containsEntry("x-b", List.of("two words, and more"));
	}

	@Test
	void returnsEveryResponseHeaderLowerCasedWithOneEntryPerValue() throws Exception {
		OutboundResponse response = this.loopback.send(request(HttpMethod.GET, "/echo"));

		assertThat(response.headers()).contains(new HttpHeader("x-custom", "one"), new HttpHeader("x-custom", "two"),
				new HttpHeader("x-mixed-case", "Value"), new HttpHeader("content-type", "application/json"),
				new HttpHeader("x-utf8", "ü€"));
		assertThat(response.headers()).allSatisfy((header) -> assertThat(header.name()).isLowerCase());
	}

	@Test
	void sendsATextBodyAndReceivesOne() throws Exception {
		OutboundResponse response = this.loopback.send(new OutboundRequest(HttpMethod.POST, this.server.uri("/echo"),
				List.of(new HttpHeader("content-type", "text/plain")), "héllo 🚀".getBytes(StandardCharsets.UTF_8)));

		assertThat(Base64.getDecoder().decode(json(response).get("body").asString()))
			.isEqualTo("héllo 🚀".getBytes(StandardCharsets.UTF_8));
		assertThat(this.server.received().get(0).headers()).containsEntry("content-type", List.of("text/plain"));
	}

	@Test
	void sendsABinaryBodyAndReceivesOne() throws Exception {
		this.loopback
			.send(new OutboundRequest(HttpMethod.PUT, this.server.uri("/echo"), List.of(), LoopbackServer.ALL_BYTES));
		OutboundResponse binary = this.loopback.send(request(HttpMethod.GET, "/binary"));

		assertThat(this.server.received().get(0).body()).isEqualTo(LoopbackServer.ALL_BYTES);
		assertThat(binary.body()).isEqualTo(LoopbackServer.ALL_BYTES);
	}

	@Test
	void sendsAnEmptyBodyWhenTheWorkerGivesNone() throws Exception {
		this.loopback.send(request(HttpMethod.DELETE, "/echo"));

		assertThat(this.server.received().get(0).body()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 201, 204, 404, 500, 503 })
	void returnsAnyStatusAsAResponse(int status) throws Exception {
		OutboundResponse response = this.loopback.send(request(HttpMethod.GET, "/echo?status=" + status));

		assertThat(response.status()).isEqualTo(status);
	}

	@Test
	void refusesAUriThatCannotBeParsed() {
		assertThat(failure(this.loopback, requestTo(HttpMethod.GET, "http://127.0.0.1/a b")))
			.satisfies(kind(HttpErrorKind.INVALID_REQUEST))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("Invalid URI: Illegal character"));
	}

	@Test
	void refusesAHostThatIsNotAllowedBeforeLookingAtTheScheme() {
		OutboundHttp httpsOnly = this.client.forWorker("test",
				new HttpAllowList(Set.of("api.example.com"), HttpAllowList.DEFAULT_METHODS, false));

		assertThat(failure(httpsOnly, requestTo(HttpMethod.GET, this.server.uri("/echo"))))
			.satisfies(notAllowed(NOT_ALLOWED_HOST.formatted("127.0.0.1")));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void refusesPlainHttpUnlessAllowed() {
		OutboundHttp httpsOnly = this.client.forWorker("test",
				new HttpAllowList(Set.of("127.0.0.1"), HttpAllowList.DEFAULT_METHODS, false));

		assertThat(failure(httpsOnly, requestTo(HttpMethod.GET, this.server.uri("/echo"))))
			.satisfies(notAllowed("The URI must use HTTPS. You can allow http requests in the worker configuration"));
		assertThat(failure(httpsOnly, requestTo(HttpMethod.GET, "HTTP://127.0.0.1:" + this.server.port())))
			.satisfies(kind(HttpErrorKind.NOT_ALLOWED));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void refusesAMethodThatIsNotAllowedAfterTheHostAndScheme() {
		OutboundHttp defaults = this.client.forWorker("test",
				new HttpAllowList(Set.of("127.0.0.1"), HttpAllowList.DEFAULT_METHODS, true));

		assertThat(failure(defaults, request(HttpMethod.OPTIONS, "/echo"))).satisfies(
				notAllowed("The method 'OPTIONS' is not allowed for this worker. Please, update the configuration."));
		assertThat(failure(defaults, request(HttpMethod.HEAD, "/echo"))).satisfies(kind(HttpErrorKind.NOT_ALLOWED));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void takesTheHostFromTheParsedUriNotFromUserInfoOrHeaders() {
		String tricky = "http://127.0.0.1@localhost:" + this.server.port() + "/echo";

		assertThat(failure(this.loopback, requestTo(HttpMethod.GET, tricky)))
			.satisfies(notAllowed(NOT_ALLOWED_HOST.formatted("localhost")));
		assertThat(failure(this.loopback,
				new OutboundRequest(HttpMethod.GET, this.server.uri("/echo"),
						List.of(new HttpHeader("Host", "localhost")), new byte[0])))
			.satisfies(kind(HttpErrorKind.INVALID_REQUEST))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("'Host' cannot be set by a worker"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void ignoresThePortAndTheCaseOfTheHost() throws Exception {
		OutboundHttp mixedCase = this.client.forWorker("test",
				new HttpAllowList(Set.of("LocalHost"), HttpAllowList.DEFAULT_METHODS, true));

		assertThat(
				mixedCase.send(requestTo(HttpMethod.GET, "http://LOCALHOST:" + this.server.port() + "/echo")).status())
			.isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(strings = { "file:///etc/passwd", "ftp://127.0.0.1/x", "/echo", "http:/echo", "mailto:a@127.0.0.1" })
	void refusesAUriThatIsNotAnAbsoluteHttpUri(String uri) {
		assertThat(failure(this.loopback, requestTo(HttpMethod.GET, uri)))
			.satisfies(kind(HttpErrorKind.INVALID_REQUEST));
		assertThat(this.server.received()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "host", "Content-Length", "transfer-encoding", "connection", "upgrade", "expect", "te" })
	void refusesHeadersTheHostControls(String name) {
		OutboundRequest request = new OutboundRequest(HttpMethod.POST, this.server.uri("/echo"),
				List.of(new HttpHeader(name, "1")), new byte[0]);

		assertThat(failure(this.loopback, request)).satisfies(kind(HttpErrorKind.INVALID_REQUEST))
			.satisfies((ex) -> assertThat(ex.getMessage()).isEqualTo(
					"The header '" + name + "' cannot be set by a worker: the host sets it from the URI and the body"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void refusesHeadersHttpCannotCarry() {
		assertThat(failure(this.loopback, withHeader("bad name", "x")))
			.satisfies(message("The header name 'bad name' is not a valid HTTP header name"));
		assertThat(failure(this.loopback, withHeader("x-split", "a\r\nx-injected: 1"))).satisfies(message(
				"The value of the header 'x-split' has a character that cannot be sent: only visible ASCII characters, spaces and tabs are allowed"));
		assertThat(failure(this.loopback, withHeader("x-text", "ü"))).satisfies(kind(HttpErrorKind.INVALID_REQUEST));
		assertThat(failure(this.loopback, withHeader("", "x"))).satisfies(kind(HttpErrorKind.INVALID_REQUEST));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void givesUpWhenTheResponseTakesLongerThanTheReadTimeout() {
		long started = System.nanoTime();

		assertThat(failure(this.loopback, request(HttpMethod.GET, "/slow?ms=5000")))
			.satisfies(kind(HttpErrorKind.TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("No complete response from http://127.0.0.1:")
				.endsWith("within 500ms (wasm.workers.http.read-timeout)"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void reportsAConnectionThatIsRefusedAsAnInvalidRequest() {
		int closedPort;
		try (LoopbackServer stopped = new LoopbackServer()) {
			closedPort = stopped.port();
		}

		assertThat(failure(this.loopback, requestTo(HttpMethod.GET, "http://127.0.0.1:" + closedPort + "/")))
			.satisfies(kind(HttpErrorKind.INVALID_REQUEST))
			.satisfies(
					(ex) -> assertThat(ex.getMessage()).startsWith("Error sending request for url (http://127.0.0.1:"));
	}

	@Test
	void followsUpToTenRedirects() throws Exception {
		OutboundResponse response = this.loopback.send(request(HttpMethod.GET, "/hops?n=10"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).asString().isEqualTo("arrived");
		assertThat(this.server.received()).hasSize(11);
	}

	@Test
	void reportsMoreRedirectsAsARedirectLoop() {
		assertThat(failure(this.loopback, request(HttpMethod.GET, "/hops?n=11")))
			.satisfies(kind(HttpErrorKind.REDIRECT_LOOP));
		assertThat(failure(this.loopback, request(HttpMethod.GET, "/loop")))
			.satisfies(kind(HttpErrorKind.REDIRECT_LOOP))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith("Too many redirects: more than 10"));
		assertThat(this.server.received()).hasSize(22);
	}

	@Test
	void refusesARedirectToAHostThatIsNotAllowed() {
		String elsewhere = "http://localhost:" + this.server.port() + "/echo";

		assertThat(failure(this.loopback, request(HttpMethod.GET, "/redirect?to=" + elsewhere)))
			.satisfies(notAllowed(NOT_ALLOWED_HOST.formatted("localhost")));
		assertThat(this.server.received()).singleElement()
			.satisfies((received) -> assertThat(received.uri()).startsWith("/redirect"));
	}

	@Test
	void refusesARedirectToAMethodThatIsNotAllowed() {
		OutboundHttp postOnly = this.client.forWorker("test",
				new HttpAllowList(Set.of("127.0.0.1"), Set.of(HttpMethod.POST), true));

		assertThat(failure(postOnly,
				new OutboundRequest(HttpMethod.POST, this.server.uri("/redirect?status=303&to=/echo"), List.of(),
						new byte[0])))
			.satisfies(
					notAllowed("The method 'GET' is not allowed for this worker. Please, update the configuration."));
	}

	@Test
	void turnsAPostIntoAGetWithoutBodyOnA303AndKeepsItOnA307() throws Exception {
		OutboundRequest post = new OutboundRequest(HttpMethod.POST, this.server.uri("/redirect?status=303&to=/echo"),
				List.of(new HttpHeader("content-type", "text/plain"), new HttpHeader("x-keep", "yes")),
				"data".getBytes());
		this.loopback.send(post);
		this.loopback.send(new OutboundRequest(HttpMethod.POST, this.server.uri("/redirect?status=307&to=/echo"),
				post.headers(), post.body()));

		List<LoopbackServer.Received> received = this.server.received();
		assertThat(received.get(1).method()).isEqualTo("GET");
		assertThat(received.get(1).body()).isEmpty();
		assertThat(received.get(1).headers()).doesNotContainKey("content-type").containsKey("x-keep");
		assertThat(received.get(3).method()).isEqualTo("POST");
		assertThat(received.get(3).body()).asString().isEqualTo("data");
		assertThat(received.get(3).headers()).containsKey("content-type");
	}

	@Test
	void dropsCredentialsOnARedirectToAnotherOrigin() throws Exception {
		OutboundHttp both = this.client.forWorker("test",
				new HttpAllowList(Set.of("127.0.0.1", "localhost"), HttpAllowList.DEFAULT_METHODS, true));
		List<HttpHeader> headers = List.of(new HttpHeader("authorization", "Bearer secret"),
				new HttpHeader("cookie", "a=b"), new HttpHeader("x-other", "kept"));

		both.send(new OutboundRequest(HttpMethod.GET, this.server.uri("/redirect?to=/echo"), headers, new byte[0]));
		both.send(new OutboundRequest(HttpMethod.GET,
				this.server.uri("/redirect?to=http://localhost:" + this.server.port() + "/echo"), headers,
				new byte[0]));

		List<LoopbackServer.Received> received = this.server.received();
		assertThat(received.get(1).headers()).containsKeys("authorization", "cookie", "x-other");
		assertThat(received.get(3).headers()).doesNotContainKeys("authorization", "cookie").containsKey("x-other");
	}

	@Test
	void refusesAResponseBodyLargerThanTheCap() throws Exception {
		assertThat(this.loopback.send(request(HttpMethod.GET, "/big?bytes=65536")).body()).hasSize(65536);
		assertThat(failure(this.loopback, request(HttpMethod.GET, "/big?bytes=65537")))
			.satisfies(kind(HttpErrorKind.INVALID_RESPONSE_BODY))
			.satisfies((ex) -> assertThat(ex.getMessage()).startsWith(
					"The response body is larger than the 65536 bytes a worker may receive (wasm.workers.http.max-response-body)"));
	}

	@Test
	@Timeout(10)
	void stopsWaitingWhenTheThreadIsInterrupted() throws Exception {
		OutboundHttp patient = new OutboundHttpClient(
				new OutboundHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), 1024, 10))
			.forWorker("test", new HttpAllowList(Set.of("127.0.0.1"), HttpAllowList.DEFAULT_METHODS, true));
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				patient.send(request(HttpMethod.GET, "/slow?ms=20000"));
			}
			catch (Exception ex) {
				outcome.set(ex);
			}
		});
		caller.start();
		while (this.server.received().isEmpty()) {
			Thread.sleep(10);
		}
		long interrupted = System.nanoTime();
		caller.interrupt();
		caller.join();

		assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - interrupted)).isLessThan(Duration.ofSeconds(1));
	}

	@Test
	void withoutConfigurationNothingIsSent() {
		assertThat(failure(OutboundHttp.none(), requestTo(HttpMethod.GET, this.server.uri("/echo"))))
			.satisfies(notAllowed(NOT_ALLOWED_HOST.formatted("127.0.0.1")));
		assertThat(failure(OutboundHttp.none(), requestTo(HttpMethod.GET, "file:///etc/passwd")))
			.satisfies(kind(HttpErrorKind.INVALID_REQUEST));
		assertThat(this.server.received()).isEmpty();
	}

	private OutboundRequest request(HttpMethod method, String path) {
		return requestTo(method, this.server.uri(path));
	}

	private static OutboundRequest requestTo(HttpMethod method, String uri) {
		return new OutboundRequest(method, uri, List.of(), new byte[0]);
	}

	private OutboundRequest withHeader(String name, String value) {
		return new OutboundRequest(HttpMethod.GET, this.server.uri("/echo"), List.of(new HttpHeader(name, value)),
				new byte[0]);
	}

	private static OutboundHttpException failure(OutboundHttp http, OutboundRequest request) {
		return catchThrowableOfType(OutboundHttpException.class, () -> http.send(request));
	}

	private static Consumer<OutboundHttpException> kind(HttpErrorKind kind) {
		return (ex) -> assertThat(ex.kind()).isEqualTo(kind);
	}

	private static Consumer<OutboundHttpException> message(String message) {
		return (ex) -> assertThat(ex.getMessage()).isEqualTo(message);
	}

	private static Consumer<OutboundHttpException> notAllowed(String message) {
		return (ex) -> {
			assertThat(ex.kind()).isEqualTo(HttpErrorKind.NOT_ALLOWED);
			assertThat(ex.getMessage()).isEqualTo(message);
		};
	}

	private static JsonNode json(OutboundResponse response) {
		return JSON.readTree(response.body());
	}

}
