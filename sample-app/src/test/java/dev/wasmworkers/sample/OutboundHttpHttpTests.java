package dev.wasmworkers.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbound HTTP through the Spring application: copies of the test worker
 * {@code fetch.wasm} (workers/c/fetch.c), each with its own TOML file, and of the
 * JavaScript one {@code js-test-workers/fetch.js}, call a server the test starts on
 * 127.0.0.1.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.timeout=20s", "wasm.workers.http.read-timeout=1s",
				"wasm.workers.http.max-response-body=1KB" })
@AutoConfigureWebTestClient(timeout = "PT20S")
class OutboundHttpHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Upstream UPSTREAM = new Upstream();

	private static final Path PROJECT = createProject();

	@Autowired
	private WebTestClient client;

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", PROJECT::toString);
	}

	@AfterAll
	static void stopUpstream() {
		UPSTREAM.close();
	}

	@Test
	void aWorkerSendsARequestWithItsMethodHeadersAndBodyAndReadsTheResponse() {
		JsonNode answer = fetch("/fetch", Map.of("method", "PUT", "uri", UPSTREAM.uri("/echo?status=201"), "headers",
				Map.of("x-token", "abc"), "body", "héllo"));

		assertThat(answer.get("status").asInt()).isEqualTo(201);
		assertThat(answer.get("headers").toString()).contains("[\"x-upstream\",\"yes\"]");
		assertThat(decode(answer)).asString(StandardCharsets.UTF_8).isEqualTo("PUT héllo");
		assertThat(UPSTREAM.received).anySatisfy((line) -> assertThat(line).isEqualTo("PUT /echo?status=201 abc"));
	}

	@Test
	void aWorkerReceivesABinaryBody() {
		JsonNode answer = fetch("/fetch", Map.of("uri", UPSTREAM.uri("/binary")));

		assertThat(decode(answer)).containsExactly(0, 1, 2, 0x7f, 0x80, 0xfe, 0xff);
	}

	@Test
	void aWorkerWithoutPlainHttpIsRefused() {
		JsonNode answer = fetch("/https-only", Map.of("uri", UPSTREAM.uri("/echo")));

		assertThat(answer).isEqualTo(JSON.valueToTree(Map.of("error", "not-allowed", "message",
				"The URI must use HTTPS. You can allow http requests in the worker configuration")));
	}

	@Test
	void aRedirectToAHostThatIsNotAllowedIsRefused() {
		String elsewhere = "http://localhost:" + UPSTREAM.port() + "/echo";

		JsonNode answer = fetch("/fetch", Map.of("uri", UPSTREAM.uri("/redirect?to=" + elsewhere)));

		assertThat(answer).isEqualTo(JSON.valueToTree(Map.of("error", "not-allowed", "message",
				"The host 'localhost' is not allowed for this worker. Please, update the worker configuration.")));
	}

	@Test
	void theReadTimeoutAndTheResponseBodyCapApply() {
		assertThat(fetch("/fetch", Map.of("uri", UPSTREAM.uri("/slow"))).get("error").asString()).isEqualTo("timeout");
		assertThat(fetch("/fetch", Map.of("uri", UPSTREAM.uri("/big"))).get("error").asString())
			.isEqualTo("invalid-response-body");
	}

	@Test
	void aWorkerWaitingForAResponsePastItsDeadlineGets504() {
		this.client.post()
			.uri("/short-deadline")
			.bodyValue(JSON.writeValueAsString(Map.of("uri", UPSTREAM.uri("/slow"))))
			.exchange()
			.expectStatus()
			.isEqualTo(504);
	}

	@Test
	void aJavaScriptWorkerFetchesWithItsMethodHeadersAndBody() {
		JsonNode answer = fetch("/js-fetch", Map.of("method", "PUT", "uri", UPSTREAM.uri("/echo?status=201"), "headers",
				Map.of("x-token", "js"), "body", "héllo"));

		assertThat(answer.get("status").asInt()).isEqualTo(201);
		assertThat(answer.get("ok").asBoolean()).isTrue();
		assertThat(answer.get("headers").toString()).contains("[\"x-upstream\",\"yes\"]");
		assertThat(answer.get("text").asString()).isEqualTo("PUT héllo");
		assertThat(UPSTREAM.received).anySatisfy((line) -> assertThat(line).isEqualTo("PUT /echo?status=201 js"));
	}

	@Test
	void aJavaScriptWorkerReceivesABinaryBody() {
		JsonNode answer = fetch("/js-fetch", Map.of("uri", UPSTREAM.uri("/binary")));

		assertThat(decode(answer)).containsExactly(0, 1, 2, 0x7f, 0x80, 0xfe, 0xff);
	}

	@Test
	void aJavaScriptWorkersFetchIsRejectedWithTheKindAndMessage() {
		String elsewhere = "http://localhost:" + UPSTREAM.port() + "/echo";

		assertThat(fetch("/js-fetch", Map.of("uri", UPSTREAM.uri("/redirect?to=" + elsewhere))).get("rejected"))
			.isEqualTo(JSON.valueToTree(Map.of("name", "TypeError", "typeError", true, "message",
					"[Not allowed] The host 'localhost' is not allowed for this worker. Please, update the worker configuration.")));
		assertThat(fetch("/js-fetch", Map.of("method", "POST", "uri", UPSTREAM.uri("/echo"))).get("rejected")
			.get("message")
			.asString()).isEqualTo(
					"[Not allowed] The method 'POST' is not allowed for this worker. Please, update the configuration.");
		assertThat(fetch("/js-fetch", Map.of("uri", UPSTREAM.uri("/slow"))).get("rejected").get("message").asString())
			.startsWith("[Request Timeout] No complete response from ");
	}

	@Test
	void aJavaScriptWorkerWaitingForAResponsePastItsDeadlineGets504() {
		this.client.post()
			.uri("/js-short-deadline")
			.bodyValue(JSON.writeValueAsString(Map.of("uri", UPSTREAM.uri("/slow"))))
			.exchange()
			.expectStatus()
			.isEqualTo(504);
	}

	private JsonNode fetch(String route, Map<String, ?> instructions) {
		byte[] body = this.client.post()
			.uri(route)
			.bodyValue(JSON.writeValueAsString(instructions))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		return JSON.readTree(body);
	}

	private static byte[] decode(JsonNode answer) {
		return Base64.getDecoder().decode(answer.get("body").asString());
	}

	private static Path createProject() {
		try {
			Path project = Files.createTempDirectory("wasm-workers-outbound-http");
			String loopback = """
					[features.http_requests]
					allowed_hosts = ["127.0.0.1"]
					allowed_methods = ["GET", "PUT"]
					allow_http = true
					""";
			copy(project, "fetch", loopback);
			copy(project, "https-only", "[features.http_requests]\nallowed_hosts = [\"127.0.0.1\"]\n");
			copy(project, "short-deadline", loopback + "\n[limits]\ntimeout = \"300ms\"\n");
			copyJs(project, "js-fetch", loopback);
			copyJs(project, "js-short-deadline", loopback + "\n[limits]\ntimeout = \"300ms\"\n");
			return project;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copy(Path project, String name, String toml) throws IOException {
		Files.copy(Path.of("test-workers", "fetch.wasm"), project.resolve(name + ".wasm"));
		Files.writeString(project.resolve(name + ".toml"), toml);
	}

	private static void copyJs(Path project, String name, String toml) throws IOException {
		Files.copy(Path.of("js-test-workers", "fetch.js"), project.resolve(name + ".js"));
		Files.writeString(project.resolve(name + ".toml"), toml);
	}

	/**
	 * The server the workers call: {@code /echo?status=N} answers "METHOD body" with
	 * {@code x-upstream: yes}, {@code /binary} seven bytes, {@code /slow} after 5 s,
	 * {@code /big} 2 KB, {@code /redirect?to=URI} a 302.
	 */
	static final class Upstream implements AutoCloseable {

		private final List<String> received = new CopyOnWriteArrayList<>();

		private final ExecutorService executor = Executors.newCachedThreadPool();

		private final HttpServer server;

		Upstream() {
			try {
				this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.server.setExecutor(this.executor);
			this.server.createContext("/", this::handle);
			this.server.start();
		}

		int port() {
			return this.server.getAddress().getPort();
		}

		String uri(String path) {
			return "http://127.0.0.1:" + port() + path;
		}

		@Override
		public void close() {
			this.server.stop(0);
			this.executor.shutdownNow();
		}

		private void handle(HttpExchange exchange) throws IOException {
			try (exchange) {
				byte[] body = exchange.getRequestBody().readAllBytes();
				URI uri = exchange.getRequestURI();
				this.received.add(exchange.getRequestMethod() + " " + uri + " "
						+ exchange.getRequestHeaders().getFirst("x-token"));
				switch (uri.getPath()) {
					case "/echo" -> {
						exchange.getResponseHeaders().add("x-upstream", "yes");
						int status = Integer.parseInt(uri.getQuery().substring("status=".length()));
						send(exchange, status,
								(exchange.getRequestMethod() + " " + new String(body, StandardCharsets.UTF_8))
									.getBytes(StandardCharsets.UTF_8));
					}
					case "/binary" ->
						send(exchange, 200, new byte[] { 0, 1, 2, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff });
					case "/slow" -> {
						Thread.sleep(5000);
						send(exchange, 200, "late".getBytes(StandardCharsets.UTF_8));
					}
					case "/big" -> send(exchange, 200, new byte[2048]);
					case "/redirect" -> {
						exchange.getResponseHeaders().add("location", uri.getQuery().substring("to=".length()));
						send(exchange, 302, new byte[0]);
					}
					default -> send(exchange, 404, new byte[0]);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
			exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}

	}

}
