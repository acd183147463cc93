package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.http.HttpMethod;
import dev.wasmworkers.http.LoopbackServer;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.runtime.WorkerRuntimes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A test worker that sends requests through {@code http.send-http-request} (wws §6.2),
 * calling a real server on 127.0.0.1 through the whole chain: its TOML file, the loader,
 * the invoker with its deadline, the engine's host function and the client. Run for the C
 * worker ({@link CFetchWorkerTests}) and the Rust one ({@link RustFetchWorkerTests}),
 * which take the same instructions and give the same answers, and for the JavaScript one
 * ({@link JsFetchWorkerTests}), whose {@code fetch} goes through the same client and
 * allow-list and whose answers {@link #answer(JsonNode)} translates.
 */
abstract class OutboundHttpWorkerContract {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final WasmEngine ENGINE = new WasmEngine();

	static final String ALL_METHODS = """
			[features.http_requests]
			allowed_hosts = ["127.0.0.1"]
			allowed_methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"]
			allow_http = true
			""";

	private static final String NOT_ALLOWED_HOST = "The host '%s' is not allowed for this worker. Please, update the worker configuration.";

	private final LoopbackServer server = new LoopbackServer();

	private final WorkerExecutor executor = new WorkerExecutor(2, 4);

	private final WorkerInvoker invoker = new WorkerInvoker(this.executor, new WorkerProtocol(),
			new InMemoryKvStore(new KvLimits(100, 1 << 20)),
			new RunLimits(Duration.ofSeconds(20), 256, 1 << 24, 1 << 16), new WorkerGates(2, 4));

	private final OutboundHttpClient client = new OutboundHttpClient(
			new OutboundHttpSettings(Duration.ofSeconds(2), Duration.ofMillis(500), 64 * 1024, 10));

	@TempDir
	private Path project;

	private final Path workerFile;

	/**
	 * Creates the tests for one worker.
	 * @param workerFile the worker as built by workers/build.sh
	 */
	OutboundHttpWorkerContract(Path workerFile) {
		this.workerFile = workerFile;
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.executor.close();
	}

	@ParameterizedTest
	@EnumSource(HttpMethod.class)
	void sendsEveryMethodAsItself(HttpMethod method) throws Exception {
		JsonNode answer = fetch(ALL_METHODS, Map.of("method", method.name(), "uri", this.server.uri("/echo")));

		assertThat(answer.get("status").asInt()).isEqualTo(200);
		assertThat(this.server.received()).singleElement()
			.satisfies((received) -> assertThat(received.method()).isEqualTo(method.name()));
		if (method != HttpMethod.HEAD) {
			assertThat(echo(answer).get("method").asString()).isEqualTo(method.name());
		}
		else {
			assertThat(answer.get("bodyLength").asInt()).isZero();
		}
	}

	@Test
	void sendsTheWorkersHeadersAndReturnsTheResponseHeaders() throws Exception {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("x-a", "1");
		headers.put("X-Quoted", "say \"hi\"");
		headers.put("authorization", "Bearer token");

		JsonNode answer = fetch(ALL_METHODS, Map.of("uri", this.server.uri("/echo"), "headers", headers));

		assertThat(this.server.received().get(0).headers()).containsEntry("x-a", List.of("1"))
			.containsEntry("x-quoted", List.of("say \"hi\""))
			.containsEntry("authorization", List.of("Bearer token"));
		assertThat(headers(answer)).containsAll(repeatedResponseHeader())
			.contains(List.of("x-mixed-case", "Value"), List.of("content-type", "application/json"),
					List.of("x-utf8", "ü€"));
	}

	@Test
	void sendsATextBodyAndReceivesOne() throws Exception {
		JsonNode answer = fetch(ALL_METHODS,
				Map.of("method", "POST", "uri", this.server.uri("/echo"), "body", "héllo \"🚀\""));

		assertThat(this.server.received().get(0).body()).asString(StandardCharsets.UTF_8).isEqualTo("héllo \"🚀\"");
		assertThat(Base64.getDecoder().decode(echo(answer).get("body").asString())).asString(StandardCharsets.UTF_8)
			.isEqualTo("héllo \"🚀\"");
	}

	@Test
	void sendsABinaryBodyAndReceivesOne() throws Exception {
		String allBytes = Base64.getEncoder().encodeToString(LoopbackServer.ALL_BYTES);

		fetch(ALL_METHODS,
				Map.of("method", "PATCH", "uri", this.server.uri("/echo"), "body", allBytes, "base64", true));
		JsonNode binary = fetch(ALL_METHODS, Map.of("uri", this.server.uri("/binary")));

		assertThat(this.server.received().get(0).body()).isEqualTo(LoopbackServer.ALL_BYTES);
		assertThat(binary.get("bodyLength").asInt()).isEqualTo(256);
		assertThat(Base64.getDecoder().decode(binary.get("body").asString())).isEqualTo(LoopbackServer.ALL_BYTES);
	}

	@Test
	void sendsAnEmptyBodyWhenTheWorkerGivesNone() throws Exception {
		fetch(ALL_METHODS, Map.of("method", "POST", "uri", this.server.uri("/echo")));

		assertThat(this.server.received().get(0).body()).isEmpty();
	}

	@Test
	void returnsAStatusOtherThan200AsAResponse() throws Exception {
		assertThat(fetch(ALL_METHODS, Map.of("uri", this.server.uri("/echo?status=404"))).get("status").asInt())
			.isEqualTo(404);
		assertThat(fetch(ALL_METHODS, Map.of("uri", this.server.uri("/echo?status=503"))).get("status").asInt())
			.isEqualTo(503);
	}

	@Test
	void refusesAHostThatIsNotAllowed() throws Exception {
		JsonNode answer = fetch("""
				[features.http_requests]
				allowed_hosts = ["api.example.com"]
				allow_http = true
				""", Map.of("uri", this.server.uri("/echo")));

		assertThat(answer).isEqualTo(error("not-allowed", NOT_ALLOWED_HOST.formatted("127.0.0.1")));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void refusesEveryHostWithoutConfiguration() throws Exception {
		JsonNode answer = fetch(null, Map.of("uri", "https://api.example.com/"));

		assertThat(answer).isEqualTo(error("not-allowed", NOT_ALLOWED_HOST.formatted("api.example.com")));
	}

	@Test
	void refusesPlainHttpUnlessAllowed() throws Exception {
		JsonNode answer = fetch("""
				[features.http_requests]
				allowed_hosts = ["127.0.0.1"]
				""", Map.of("uri", this.server.uri("/echo")));

		assertThat(answer).isEqualTo(error("not-allowed",
				"The URI must use HTTPS. You can allow http requests in the worker configuration"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void refusesAMethodThatIsNotAllowed() throws Exception {
		JsonNode answer = fetch("""
				[features.http_requests]
				allowed_hosts = ["127.0.0.1"]
				allow_http = true
				""", Map.of("method", "OPTIONS", "uri", this.server.uri("/echo")));

		assertThat(answer).isEqualTo(error("not-allowed",
				"The method 'OPTIONS' is not allowed for this worker. Please, update the configuration."));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void refusesAHeaderTheHostControls() throws Exception {
		JsonNode hostHeader = fetch(ALL_METHODS,
				Map.of("uri", this.server.uri("/echo"), "headers", Map.of("host", "localhost")));

		assertThat(hostHeader).isEqualTo(error("invalid-request",
				"The header 'host' cannot be set by a worker: the host sets it from the URI and the body"));
		assertThat(this.server.received()).isEmpty();
	}

	@Test
	void reportsAResponseThatTakesTooLongAsATimeout() throws Exception {
		JsonNode answer = fetch(ALL_METHODS, Map.of("uri", this.server.uri("/slow?ms=5000")));

		assertThat(answer.get("error").asString()).isEqualTo("timeout");
		assertThat(answer.get("message").asString()).endsWith("within 500ms (wasm.workers.http.read-timeout)");
	}

	@Test
	void reportsARedirectLoop() throws Exception {
		JsonNode answer = fetch(ALL_METHODS, Map.of("uri", this.server.uri("/loop")));

		assertThat(answer.get("error").asString()).isEqualTo("redirect-loop");
		assertThat(answer.get("message").asString()).startsWith("Too many redirects: more than 10");
		assertThat(this.server.received()).hasSize(11);
	}

	@Test
	void refusesARedirectToAHostThatIsNotAllowed() throws Exception {
		String elsewhere = "http://localhost:" + this.server.port() + "/echo";

		JsonNode answer = fetch(ALL_METHODS, Map.of("uri", this.server.uri("/redirect?to=" + elsewhere)));

		assertThat(answer).isEqualTo(error("not-allowed", NOT_ALLOWED_HOST.formatted("localhost")));
		assertThat(this.server.received()).hasSize(1);
	}

	@Test
	void refusesAResponseBodyLargerThanTheCap() throws Exception {
		JsonNode answer = fetch(ALL_METHODS, Map.of("uri", this.server.uri("/big?bytes=100000")));

		assertThat(answer.get("error").asString()).isEqualTo("invalid-response-body");
	}

	@Test
	void theWaitCountsAgainstTheRunsDeadline() throws Exception {
		OutboundHttpClient patient = new OutboundHttpClient(
				new OutboundHttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), 1024, 10));
		// Long enough for the run to start on a busy machine (the deadline counts from
		// the
		// invocation, waiting for a thread included), far shorter than the response.
		Worker worker = load(ALL_METHODS + "\n[limits]\ntimeout = \"2s\"\n", patient);
		long started = System.nanoTime();

		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> this.invoker.invoke(worker, input(Map.of("uri", this.server.uri("/slow?ms=20000"))))
				.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(WorkerTimeoutException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		assertThat(this.server.received()).hasSize(1);
		Awaiting.untilIdle(this.executor);
	}

	/** The server the tests call. */
	LoopbackServer server() {
		return this.server;
	}

	/**
	 * The header the server sends twice ({@code x-custom: one} and {@code x-custom: two})
	 * as the worker reports it.
	 * @return the {@code [name, value]} pairs expected in the answer
	 */
	List<List<String>> repeatedResponseHeader() {
		return List.of(List.of("x-custom", "one"), List.of("x-custom", "two"));
	}

	/**
	 * Turns the worker's answer into the C worker's form: {@code {"status", "headers",
	 * "body", "bodyLength"}} or {@code {"error", "message"}}.
	 * @param answer the worker's answer
	 * @return the answer in the common form
	 */
	JsonNode answer(JsonNode answer) {
		return answer;
	}

	JsonNode fetch(String toml, Map<String, ?> instructions) throws Exception {
		return answer(fetchAsIs(toml, instructions));
	}

	/** The worker's answer as it wrote it. */
	JsonNode fetchAsIs(String toml, Map<String, ?> instructions) throws Exception {
		Worker worker = load(toml, this.client);
		HttpReply reply = this.invoker.invoke(worker, input(instructions)).get(20, TimeUnit.SECONDS);
		assertThat(reply.status()).as(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(200);
		return JSON.readTree(reply.body());
	}

	private Worker load(String toml, OutboundHttpClient httpClient) throws IOException {
		String fileName = this.workerFile.getFileName().toString();
		String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
		Path file = this.project.resolve("fetch." + extension);
		Files.copy(this.workerFile, file, StandardCopyOption.REPLACE_EXISTING);
		if (toml != null) {
			Files.writeString(this.project.resolve("fetch.toml"), toml);
		}
		Worker worker = new WorkerLoader(WorkerRuntimes.defaults(ENGINE), new WorkerConfigReader((name) -> null),
				httpClient)
			.load(new WorkerSource(file, "fetch." + extension, extension, WorkerRoute.parse("/fetch")));
		assertThat(worker.failure()).isEmpty();
		return worker;
	}

	private static WorkerInput input(Map<String, ?> instructions) {
		return new WorkerInput("http://localhost:8080/fetch", "POST", Map.of(), JSON.writeValueAsString(instructions),
				Map.of(), Map.of());
	}

	static JsonNode echo(JsonNode answer) {
		return JSON.readTree(Base64.getDecoder().decode(answer.get("body").asString()));
	}

	static List<List<String>> headers(JsonNode answer) {
		List<List<String>> headers = new ArrayList<>();
		answer.get("headers").forEach((pair) -> headers.add(List.of(pair.get(0).asString(), pair.get(1).asString())));
		return headers;
	}

	static JsonNode error(String kind, String message) {
		return JSON.valueToTree(Map.of("error", kind, "message", message));
	}

	/** Waits for the executor's threads to be free again. */
	private static final class Awaiting {

		static void untilIdle(WorkerExecutor executor) throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
			while (executor.running() > 0 && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(executor.running()).isZero();
		}

	}

}
