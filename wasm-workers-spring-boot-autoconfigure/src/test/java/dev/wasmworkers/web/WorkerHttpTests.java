package dev.wasmworkers.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.sun.net.httpserver.HttpServer;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.testing.WatWorkers;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.stream.Stream;

import dev.wasmworkers.testing.Awaiting;
import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import reactor.core.publisher.Flux;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests through a real server port to workers written in WAT, on every web stack:
 * routing, failures, reply mapping, public files, the body limit, metrics and mappings.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkerHttpTests {

	private static final Path WORKERS = createWorkers();

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + WORKERS,
			"wasm.workers.max-request-body=1KB", "management.endpoints.web.exposure.include=mappings");

	static Stream<Arguments> routes() {
		return StackServers.eachStackWith("/any:dynamic", "/fixed:fixed", "/any/fixed:id-fixed", "/sub/any:sub-id",
				"/sub/any/catch/all:sub-tail", "/sub/sub/any/x:sub-sub-tail", "/fixed/:fixed", "//fixed//:fixed",
				"/:root");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void eachStackRunsOnItsOwnServer(WebStack stack) {
		assertThat(((WebServerApplicationContext) servers.context(stack)).getWebServer()).isInstanceOf(stack.server());
	}

	@ParameterizedTest
	@MethodSource("routes")
	void routesEachRequestToTheWorkerWwsWouldPick(WebStack stack, String requestAndBody) {
		String[] parts = requestAndBody.split(":");
		servers.client(stack)
			.get()
			.uri((builder) -> builder.path(parts[0]).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(parts[1]);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void unmatchedPathGetsTheNotFoundPageWith404(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/donot/exist/at/all")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Nothing here"));
	}

	static Stream<Arguments> brokenWorkers() {
		return StackServers.eachStackWith("/broken/trap", "/broken/exit3", "/broken/garbage", "/broken/invalid",
				"/broken/imports", "/broken/nostart", "/broken/two-documents");
	}

	@ParameterizedTest
	@MethodSource("brokenWorkers")
	void everyFailedRunAnswersTheWwsErrorPage(WebStack stack, String path) {
		servers.client(stack)
			.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.isEqualTo("<p>There was an error running this function</p>");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void invalidStatusFallsBackTo200AndUnderscoresInHeaderNamesBecomeDashes(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/reply/status0")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("x-custom-header", "yes")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void base64DataIsSentAsBinary(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/reply/binary")
			.exchange()
			.expectStatus()
			.isEqualTo(201)
			.expectBody(byte[].class)
			.isEqualTo(new byte[] { 0, 1, (byte) 0xfe, (byte) 0xff });
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void undecodableBase64Answers503(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/reply/badbase64")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(String.class)
			.isEqualTo(HttpReply.BAD_BASE64_MESSAGE);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void bodyOverTheLimitGets413BeforeAnyWorkerRuns(WebStack stack) {
		servers.client(stack).post().uri("/fixed").bodyValue("x".repeat(2048)).exchange().expectStatus().isEqualTo(413);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aBodyOfExactlyTheLimitReachesTheWorker(WebStack stack) {
		assertThat(echoedBody(stack, BodyInserters.fromValue("y".repeat(1024)))).isEqualTo("y".repeat(1024));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aChunkedBodyOfExactlyTheLimitReachesTheWorkerWhole(WebStack stack) {
		String body = "chunk one;" + "z".repeat(1002) + ";chunk three";
		assertThat(body).hasSize(1024);
		assertThat(echoedBody(stack, chunked("chunk one;", "z".repeat(1002), ";chunk three"))).isEqualTo(body);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aChunkedBodyOverTheLimitGets413(WebStack stack) {
		servers.client(stack)
			.post()
			.uri("/echo")
			.body(chunked("x".repeat(600), "x".repeat(425)))
			.exchange()
			.expectStatus()
			.isEqualTo(413);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aChunkedBodyOfOneByteReachesTheWorker(WebStack stack) {
		assertThat(echoedBody(stack, chunked("1"))).isEqualTo("1");
	}

	private static String echoedBody(WebStack stack, BodyInserter<?, ? super ClientHttpRequest> body) {
		return Json
			.parse(servers.client(stack)
				.post()
				.uri("/echo")
				.body(body)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody())
			.get("body")
			.stringValue();
	}

	/** A body sent in chunks, without a Content-Length. */
	private static BodyInserter<Flux<DataBuffer>, ReactiveHttpOutputMessage> chunked(String... chunks) {
		return BodyInserters.fromDataBuffers(Flux.fromArray(chunks)
			.map((chunk) -> DefaultDataBufferFactory.sharedInstance.wrap(chunk.getBytes(StandardCharsets.UTF_8))));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void publicFilesAreServedWithTheirContentType(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/style.css")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/css")
			.expectBody(String.class)
			.isEqualTo("body{}");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aPublicFolderServesItsIndexHtml(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/docs/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("<h1>docs</h1>");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aStaticWorkerRouteWinsOverThePublicIndex(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("root");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void anotherMethodOnAPublicFileGets405(WebStack stack) {
		servers.client(stack).put().uri("/docs/guide.txt").exchange().expectStatus().isEqualTo(405);
	}

	static Stream<Arguments> outsidePublic() {
		return StackServers.eachStackWith("/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
				"/..%2fsecret.txt", "/escape/secret.txt", "/secret-link.txt", "/fixed.wasm", "/any/fixed.wasm",
				"/%2e%2e/%2e%2e/etc/passwd");
	}

	@ParameterizedTest
	@MethodSource("outsidePublic")
	void nothingOutsidePublicIsEverServed(WebStack stack, String path) {
		servers.client(stack)
			.get()
			.uri((builder) -> builder.path(path).build(true))
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("top secret").doesNotContain("root:"));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void stderrIsLoggedUnderTheWorkerNameFromTheThreadThatRanIt(WebStack stack, CapturedOutput output) {
		servers.client(stack).get().uri("/logging/stderr").exchange().expectStatus().isOk();
		assertThat(output).contains("wasm.worker.logging/stderr.wasm")
			.contains("first line from stderr")
			.contains("second line");
		if (stack == WebStack.WEBFLUX_NETTY) {
			assertThat(output).contains("wasm-worker-");
		}
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void httpServerRequestsAreTaggedWithTheWorkerPathTemplate(WebStack stack) {
		servers.client(stack).get().uri("/metrics-tag-check").exchange().expectStatus().isOk();
		MeterRegistry registry = servers.bean(stack, MeterRegistry.class);
		Awaiting.until(() -> registry.find("http.server.requests").tag("uri", "/{id}").timer() != null);
		assertThat(registry.get("http.server.requests").tag("uri", "/{id}").timer().count()).isGreaterThanOrEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void actuatorMappingsListEveryWorker(WebStack stack) {
		String mappings = servers.client(stack)
			.get()
			.uri("/actuator/mappings")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		for (Worker worker : servers.bean(stack, WorkerCatalogHolder.class).current().workers()) {
			assertThat(mappings).contains("Wasm worker " + worker.name())
				.contains("\"" + worker.route().pathTemplate() + "\"");
		}
		assertThat(mappings).contains("Wasm workers public folder");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aWorkerSendsOutboundRequestsUnderItsAllowList(WebStack stack) throws IOException {
		HttpServer target = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		target.createContext("/", (exchange) -> {
			byte[] body = "from the target".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		target.start();
		try {
			JsonNode answer = Json.parse(servers.client(stack)
				.post()
				.uri("/fetch")
				.bodyValue("{\"uri\":\"http://127.0.0.1:" + target.getAddress().getPort() + "/x\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
			assertThat(answer.get("status").asInt()).isEqualTo(200);
			assertThat(new String(Base64.getDecoder().decode(answer.get("body").stringValue()), StandardCharsets.UTF_8))
				.isEqualTo("from the target");
			JsonNode refused = Json.parse(servers.client(stack)
				.post()
				.uri("/fetch")
				.bodyValue("{\"uri\":\"http://localhost:" + target.getAddress().getPort() + "/x\"}")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
			assertThat(refused.get("error").stringValue()).isEqualTo("not-allowed");
		}
		finally {
			target.stop(0);
		}
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aPutFormBodyReachesTheWorkerAsSent(WebStack stack) {
		JsonNode input = Json.parse(servers.client(stack)
			.put()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("a=1&b=two+words")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		assertThat(input.get("body").stringValue()).isEqualTo("a=1&b=two+words");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void withoutAllowedOriginsAPreflightReachesTheWorkerAndNoCorsHeaderIsAdded(WebStack stack) {
		JsonNode input = Json.parse(servers.client(stack)
			.options()
			.uri("/echo")
			.header("Origin", "https://a.example")
			.header("Access-Control-Request-Method", "DELETE")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist("Access-Control-Allow-Origin")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		assertThat(input.get("method").stringValue()).isEqualTo("OPTIONS");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theWorkerReadsTheRequestAsWwsWritesIt(WebStack stack) {
		JsonNode input = Json.parse(servers.client(stack)
			.post()
			.uri("/echo//?q=x&r=1")
			.header("X-Custom", "first")
			.header("Host", "example.test:8443")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue("hi")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody());
		assertThat(input.get("url").stringValue()).isEqualTo("http://example.test:8443/echo?q=x&r=1");
		assertThat(input.get("method").stringValue()).isEqualTo("POST");
		assertThat(input.get("headers").get("x-custom").stringValue()).isEqualTo("first");
		assertThat(input.get("body").stringValue()).isEqualTo("hi");
		assertThat(input.get("params").isEmpty()).isTrue();
	}

	private static Path createWorkers() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-http");
			WatWorkers.write(root, "index.wasm", WatWorkers.answering("root"));
			Files.copy(Path.of("../sample-app/workers/echo.wasm"), root.resolve("echo.wasm"));
			Files.copy(Path.of("../sample-app/test-workers/fetch.wasm"), root.resolve("fetch.wasm"));
			Files.copy(Path.of("../sample-app/test-workers/fetch.toml"), root.resolve("fetch.toml"));
			WatWorkers.write(root, "[id].wasm", WatWorkers.answering("dynamic"));
			WatWorkers.write(root, "fixed.wasm", WatWorkers.answering("fixed"));
			WatWorkers.write(root, "[id]/fixed.wasm", WatWorkers.answering("id-fixed"));
			WatWorkers.write(root, "sub/[id].wasm", WatWorkers.answering("sub-id"));
			WatWorkers.write(root, "sub/[...all].wasm", WatWorkers.answering("sub-tail"));
			WatWorkers.write(root, "sub/sub/[...all].wasm", WatWorkers.answering("sub-sub-tail"));
			WatWorkers.write(root, "broken/trap.wasm", WatWorkers.trapping());
			WatWorkers.write(root, "broken/exit3.wasm", WatWorkers.exiting(3));
			WatWorkers.write(root, "broken/garbage.wasm", WatWorkers.printing("this is not json"));
			WatWorkers.write(root, "broken/two-documents.wasm", WatWorkers.printing(
					"{\"data\":\"\",\"headers\":{},\"status\":200,\"kv\":{}}{\"data\":\"\",\"headers\":{},\"status\":200,\"kv\":{}}"));
			WatWorkers.writeBytes(root, "broken/invalid.wasm", "not a module".getBytes());
			WatWorkers.write(root, "broken/imports.wasm", WatWorkers.importingUnknown());
			WatWorkers.write(root, "broken/nostart.wasm", WatWorkers.withoutStart());
			WatWorkers.write(root, "logging/stderr.wasm", WatWorkers.printing("first line from stderr\nsecond line\n",
					"{\"data\":\"\",\"headers\":{},\"status\":200,\"kv\":{}}"));
			WatWorkers.write(root, "reply/status0.wasm", WatWorkers
				.printing("{\"data\":\"\",\"headers\":{\"x_custom_header\":\"yes\"},\"status\":0,\"kv\":{}}"));
			WatWorkers.write(root, "reply/binary.wasm",
					WatWorkers.printing("{\"data\":\"" + Base64.getEncoder().encodeToString(new byte[] { 0, 1, -2, -1 })
							+ "\",\"headers\":{},\"status\":201,\"kv\":{},\"base64\":true}"));
			WatWorkers.write(root, "reply/badbase64.wasm",
					WatWorkers.printing("{\"data\":\"***\",\"headers\":{},\"status\":200,\"kv\":{},\"base64\":true}"));
			Path secret = Files.writeString(root.resolve("secret.txt"), "top secret");
			WatWorkers.writeBytes(root, "public/style.css", "body{}".getBytes());
			WatWorkers.writeBytes(root, "public/index.html", "<h1>public index</h1>".getBytes());
			WatWorkers.writeBytes(root, "public/404.html", "<h1>Nothing here</h1>".getBytes());
			WatWorkers.writeBytes(root, "public/docs/index.html", "<h1>docs</h1>".getBytes());
			WatWorkers.writeBytes(root, "public/docs/guide.txt", "guide".getBytes());
			Files.createSymbolicLink(root.resolve("public/escape"), root);
			Files.createSymbolicLink(root.resolve("public/secret-link.txt"), secret);
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
