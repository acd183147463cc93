package dev.wasmworkers.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Stream;

import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request target as the worker sees it, on every web stack: the {@code url} keeps the
 * path and query as sent (percent-encoding intact) after wws's normalisation only, route
 * parameters are percent-decoded, routing matches on the decoded path, and a target that
 * is not a valid URI or has raw non-ASCII bytes answers 400. The workers are the Rust
 * kit's echo (whose {@code http::Uri} refuses a decoded {@code é}) and the JavaScript
 * echo (a router that reads {@code new URL(request.url)}).
 */
class RequestTargetHttpTests {

	private static final Path WORKERS = createWorkers();

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + WORKERS);

	static Stream<Arguments> targets() {
		return StackServers.eachStackWith(new Target("/caf%C3%A9", "/caf%C3%A9", "id", "café"),
				new Target("/a%3Fb", "/a%3Fb", "id", "a?b"), new Target("/a%23b", "/a%23b", "id", "a#b"),
				new Target("/a%2Fb/c", "/a%2Fb/c", "all", "a/b/c"),
				new Target("/hello/100%25", "/hello/100%25", "name", "100%"),
				new Target("//caf%C3%A9//?q=%C3%A9&x=a%2Bb%20c", "/caf%C3%A9?q=%C3%A9&x=a%2Bb%20c", "id", "café"),
				new Target("/a%2F%2Fb/", "/a%2F%2Fb", "all", "a/b"),
				new Target("/plus+sign?q=a+b", "/plus+sign?q=a+b", "id", "plus+sign"));
	}

	@ParameterizedTest
	@MethodSource("targets")
	void theRustKitWorkerGetsTheTargetAsSentAndDecodedParameters(WebStack stack, Target target) throws IOException {
		String port = String.valueOf(servers.port(stack));
		JsonNode echo = echo(stack, target.sent());

		assertThat(echo.get("url").stringValue()).isEqualTo("http://localhost:" + port + target.url());
		assertThat(echo.get("params").get(target.param()).stringValue()).isEqualTo(target.value());
	}

	@ParameterizedTest
	@MethodSource("targets")
	void aJavaScriptRouterSeesThePathAsSent(WebStack stack, Target target) throws IOException {
		JsonNode echo = echo(stack, "/js" + target.sent());

		String url = target.url();
		int query = url.indexOf('?');
		assertThat(echo.get("path").stringValue()).isEqualTo("/js" + ((query < 0) ? url : url.substring(0, query)));
		assertThat(echo.get("params").get(target.param()).stringValue()).isEqualTo(target.value());
	}

	static Stream<Arguments> invalidTargets() {
		return StackServers.eachStackWith("/caf\u00e9", "/caf%C3%A9?q=\u00e9", "/bad%zz", "/bad%4", "/bad%",
				"/a?q=%g1");
	}

	@ParameterizedTest
	@MethodSource("invalidTargets")
	void aTargetThatIsNotAValidUriOrHasRawNonAsciiBytesAnswers400(WebStack stack, String target) throws IOException {
		assertThat(send(stack, "GET " + target + " HTTP/1.1").status()).isEqualTo(400);
	}

	private static JsonNode echo(WebStack stack, String target) throws IOException {
		Answer answer = send(stack, "GET " + target + " HTTP/1.1");
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return Json.parse(answer.body());
	}

	/**
	 * Sends a request line as raw bytes (UTF-8 for anything not ASCII) and reads the
	 * answer.
	 */
	private static Answer send(WebStack stack, String requestLine) throws IOException {
		try (Socket socket = new Socket("localhost", servers.port(stack))) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write((requestLine + "\r\nHost: localhost:" + servers.port(stack) + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.flush();
			byte[] response = socket.getInputStream().readAllBytes();
			String text = new String(response, StandardCharsets.ISO_8859_1);
			int headEnd = text.indexOf("\r\n\r\n");
			String head = text.substring(0, headEnd).toLowerCase(Locale.ROOT);
			byte[] body = Arrays.copyOfRange(response, headEnd + 4, response.length);
			if (head.contains("transfer-encoding: chunked")) {
				body = unchunk(body);
			}
			return new Answer(Integer.parseInt(text.substring(9, 12)), new String(body, StandardCharsets.UTF_8));
		}
	}

	private static byte[] unchunk(byte[] chunked) {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		String text = new String(chunked, StandardCharsets.ISO_8859_1);
		int at = 0;
		while (true) {
			int lineEnd = text.indexOf("\r\n", at);
			int size = Integer.parseInt(text.substring(at, lineEnd).trim(), 16);
			if (size == 0) {
				return body.toByteArray();
			}
			body.write(chunked, lineEnd + 2, size);
			at = lineEnd + 2 + size + 2;
		}
	}

	private static Path createWorkers() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-targets");
			Path rustEcho = Path.of("../sample-app/workers/rust/echo.wasm");
			Path jsEcho = Path.of("../sample-app/workers/js/echo.js");
			for (String route : new String[] { "[id]", "[...all]", "hello/[name]" }) {
				Files.createDirectories(root.resolve("js/hello"));
				Files.createDirectories(root.resolve("hello"));
				Files.copy(rustEcho, root.resolve(route + ".wasm"));
				Files.copy(jsEcho, root.resolve("js/" + route + ".js"));
			}
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A request target, the path and query the worker's {@code url} must end with, and
	 * the route parameter it must get.
	 */
	record Target(String sent, String url, String param, String value) {

		@Override
		public String toString() {
			return this.sent;
		}

	}

	/** A status and a body. */
	record Answer(int status, String body) {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
