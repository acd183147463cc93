package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wasm.workers.cors.allowed-origins}, wws's {@code --cors}, on every web stack:
 * the origins are added to worker answers that do not set the header themselves, and
 * preflight requests reach the worker like any other request.
 */
class CorsHttpTests {

	private static final String ORIGINS = "https://a.example,https://b.example";

	private static final Path WORKERS = createWorkers();

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + WORKERS,
			"wasm.workers.cors.allowed-origins[0]=https://a.example",
			"wasm.workers.cors.allowed-origins[1]=https://b.example");

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aWorkerAnswerGetsTheOriginsJoinedByCommas(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/plain")
			.header(HttpHeaders.ORIGIN, "https://a.example")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGINS);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aWorkerThatSetsTheHeaderKeepsItsOwnValue(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/own")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://own.example");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aFailedRunGetsTheOriginsToo(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/trap")
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGINS);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aPreflightRequestReachesTheWorkerAndGetsTheOrigins(WebStack stack) {
		String body = servers.client(stack)
			.options()
			.uri("/echo")
			.header(HttpHeaders.ORIGIN, "https://a.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PUT")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ORIGINS)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(Json.parse(body).get("method").stringValue()).isEqualTo(HttpMethod.OPTIONS.name());
		assertThat(Json.parse(body).get("headers").get("access-control-request-method").stringValue()).isEqualTo("PUT");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aPreflightToAControllerOfTheApplicationIsStillAnsweredBySpring(WebStack stack) {
		servers.client(stack)
			.options()
			.uri("/app-owned")
			.header(HttpHeaders.ORIGIN, "https://app.example")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example")
			.expectBody()
			.isEmpty();
		servers.client(stack).get().uri("/app-owned").exchange().expectBody(String.class).isEqualTo("controller");
		servers.client(stack).get().uri("/elsewhere").exchange().expectBody(String.class).isEqualTo("catch-all");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void publicFilesGetNoCorsHeader(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/page.html")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	private static Path createWorkers() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-cors");
			Files.copy(Path.of("../sample-app/workers/echo.wasm"), root.resolve("echo.wasm"));
			WatWorkers.write(root, "plain.wasm", WatWorkers.answering("plain"));
			WatWorkers.write(root, "own.wasm", WatWorkers.printing(
					"{\"data\":\"own\",\"headers\":{\"access-control-allow-origin\":\"https://own.example\"},\"status\":200,\"kv\":{}}"));
			WatWorkers.write(root, "trap.wasm", WatWorkers.trapping());
			WatWorkers.write(root, "[...rest].wasm", WatWorkers.answering("catch-all"));
			WatWorkers.writeBytes(root, "public/page.html", "<p>static</p>".getBytes());
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(AppController.class)
	static class TestApplication {

	}

	/** A controller of the application with its own CORS configuration. */
	@RestController
	static class AppController {

		@CrossOrigin("https://app.example")
		@GetMapping("/app-owned")
		String appOwned() {
			return "controller";
		}

	}

}
