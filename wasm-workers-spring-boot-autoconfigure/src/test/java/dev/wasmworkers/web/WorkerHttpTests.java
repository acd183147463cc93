package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.testing.WatWorkers;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests through a real server port to workers written in WAT: routing, failures, reply
 * mapping, public files.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.max-request-body=1KB")
@AutoConfigureWebTestClient(timeout = "PT30S")
@ExtendWith(OutputCaptureExtension.class)
class WorkerHttpTests {

	private static final Path WORKERS = createWorkers();

	@Autowired
	private WebTestClient client;

	@Autowired
	private MeterRegistry meterRegistry;

	@DynamicPropertySource
	static void workersPath(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", WORKERS::toString);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/any:dynamic", "/fixed:fixed", "/any/fixed:id-fixed", "/sub/any:sub-id",
			"/sub/any/catch/all:sub-tail", "/sub/sub/any/x:sub-sub-tail", "/fixed/:fixed", "//fixed//:fixed",
			"/:root" })
	void routesEachRequestToTheWorkerWwsWouldPick(String requestAndBody) {
		String[] parts = requestAndBody.split(":");
		this.client.get()
			.uri((builder) -> builder.path(parts[0]).build())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(parts[1]);
	}

	@Test
	void unmatchedPathGetsTheNotFoundPageWith404() {
		this.client.get()
			.uri("/donot/exist/at/all")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Nothing here"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/broken/trap", "/broken/exit3", "/broken/garbage", "/broken/invalid", "/broken/imports",
			"/broken/nostart", "/broken/two-documents" })
	void everyFailedRunAnswersTheWwsErrorPage(String path) {
		this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(500)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.isEqualTo("<p>There was an error running this function</p>");
	}

	@Test
	void invalidStatusFallsBackTo200AndUnderscoresInHeaderNamesBecomeDashes() {
		this.client.get()
			.uri("/reply/status0")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("x-custom-header", "yes")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML);
	}

	@Test
	void base64DataIsSentAsBinary() {
		this.client.get()
			.uri("/reply/binary")
			.exchange()
			.expectStatus()
			.isEqualTo(201)
			.expectBody(byte[].class)
			.isEqualTo(new byte[] { 0, 1, (byte) 0xfe, (byte) 0xff });
	}

	@Test
	void undecodableBase64Answers503() {
		this.client.get()
			.uri("/reply/badbase64")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(String.class)
			.isEqualTo(HttpReply.BAD_BASE64_MESSAGE);
	}

	@Test
	void bodyOverTheLimitGets413BeforeAnyWorkerRuns() {
		this.client.post().uri("/fixed").bodyValue("x".repeat(2048)).exchange().expectStatus().isEqualTo(413);
	}

	@Test
	void publicFilesAreServedWithTheirContentType() {
		this.client.get()
			.uri("/style.css")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/css")
			.expectBody(String.class)
			.isEqualTo("body{}");
	}

	@Test
	void aPublicFolderServesItsIndexHtml() {
		this.client.get()
			.uri("/docs/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("<h1>docs</h1>");
	}

	@Test
	void aStaticWorkerRouteWinsOverThePublicIndex() {
		this.client.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("root");
	}

	@Test
	void anotherMethodOnAPublicFileGets405() {
		this.client.put().uri("/docs/guide.txt").exchange().expectStatus().isEqualTo(405);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/..%2fsecret.txt",
			"/escape/secret.txt", "/secret-link.txt", "/fixed.wasm", "/any/fixed.wasm", "/%2e%2e/%2e%2e/etc/passwd" })
	void nothingOutsidePublicIsEverServed(String path) {
		this.client.get()
			.uri((builder) -> builder.path(path).build(true))
			.exchange()
			.expectBody(String.class)
			.value((body) -> assertThat(body).doesNotContain("top secret").doesNotContain("root:"));
	}

	@Test
	void stderrIsLoggedUnderTheWorkerNameFromAWorkerThread(CapturedOutput output) {
		this.client.get().uri("/logging/stderr").exchange().expectStatus().isOk();
		assertThat(output).contains("wasm.worker.logging/stderr.wasm")
			.contains("first line from stderr")
			.contains("second line")
			.contains("wasm-worker-");
	}

	@Test
	void httpServerRequestsAreTaggedWithTheWorkerPathTemplate() {
		this.client.get().uri("/metrics-tag-check").exchange().expectStatus().isOk();
		assertThat(this.meterRegistry.get("http.server.requests").tag("uri", "/{id}").timer().count())
			.isGreaterThanOrEqualTo(1);
	}

	private static Path createWorkers() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-http");
			WatWorkers.write(root, "index.wasm", WatWorkers.answering("root"));
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
