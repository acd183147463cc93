package dev.wasmworkers.sample;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example workers of the sample app, built from workers/ in C, Rust and
 * AssemblyScript, through a real port.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.path=workers")
@AutoConfigureWebTestClient(timeout = "PT30S")
class ExampleWorkersHttpTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private ApplicationContext context;

	@LocalServerPort
	private int port;

	@Test
	void withoutTheRedisProfileTheAppLeavesRedisOutAndItsHealthDoesNotCheckIt() {
		assertThat(this.context.getBeanNamesForType(RedisConnectionFactory.class)).isEmpty();
		JsonNode health = json(this.client.get().uri("/actuator/health").accept(MediaType.APPLICATION_JSON));
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.get("components").has("wasmWorkers")).isTrue();
		assertThat(health.get("components").has("redis")).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "/hello, Hello from a C worker", "/rust/hello, Hello from a Rust worker",
			"/as/hello, Hello from an AssemblyScript worker" })
	void helloWorkerInEveryLanguageAnswersHtml(String path, String greeting) {
		TextResponses.expectHtmlContaining(this.client, path, greeting);
	}

	@Test
	void cEchoWorkerReceivesTheWwsInput() {
		JsonNode input = json(this.client.post()
			.uri("/echo?x=1&y=two")
			.header("X-Test-Header", "first")
			.header("X-Test-Header", "last")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("héllo \"body\""));
		assertThat(input.get("url").stringValue()).isEqualTo("http://localhost:" + this.port + "/echo?x=1&y=two");
		assertThat(input.get("method").stringValue()).isEqualTo("POST");
		assertThat(input.get("headers").get("x-test-header").stringValue()).isEqualTo("last");
		assertThat(input.get("headers").get("content-type").stringValue()).startsWith("text/plain");
		assertThat(input.get("body").stringValue()).isEqualTo("héllo \"body\"");
		assertThat(input.get("kv").isEmpty()).isTrue();
		assertThat(input.get("params").isEmpty()).isTrue();
	}

	@Test
	void aComponentMadeWithThePreview1AdapterRunsLikeItsModule() {
		JsonNode input = json(this.client.post().uri("/components/echo?x=1").bodyValue("from a component"));
		assertThat(input.get("url").stringValue()).isEqualTo("http://localhost:" + this.port + "/components/echo?x=1");
		assertThat(input.get("method").stringValue()).isEqualTo("POST");
		assertThat(input.get("body").stringValue()).isEqualTo("from a component");
	}

	@Test
	void theUrlHonoursForwardingHeadersAndLosesTheTrailingSlash() {
		JsonNode input = json(this.client.get()
			.uri("/echo/?q=1")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "workers.example.org"));
		assertThat(input.get("url").stringValue()).isEqualTo("https://workers.example.org/echo?q=1");
	}

	@Test
	void aBodyThatIsNotUtf8ReachesTheWorkerAsAnEmptyString() {
		JsonNode input = json(this.client.put()
			.uri("/echo")
			.contentType(MediaType.APPLICATION_OCTET_STREAM)
			.bodyValue(new byte[] { (byte) 0xc3, (byte) 0x28, (byte) 0xff }));
		assertThat(input.get("method").stringValue()).isEqualTo("PUT");
		assertThat(input.get("body").stringValue()).isEmpty();
	}

	@Test
	void rustEchoWorkerSeesMethodBodyAndUrl() {
		JsonNode reply = json(this.client.patch().uri("/rust/echo?a=b").bodyValue("rust body"));
		assertThat(reply.get("method").stringValue()).isEqualTo("PATCH");
		assertThat(reply.get("body").stringValue()).isEqualTo("rust body");
		assertThat(reply.get("url").stringValue()).endsWith("/rust/echo?a=b");
	}

	@ParameterizedTest
	@CsvSource({ "/rust/users/42, user 42", "/rust/users/ada/, user ada", "/rust/files/a, path a",
			"/rust/files/a/b/c.txt, path a/b/c.txt" })
	void routeParametersReachTheWorker(String path, String expected) {
		this.client.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "/reactor, '_initialize ran, then the default export answered'",
			"/reactor-init, answered by _initialize" })
	void cReactorModulesRunInitializeThenTheirDefaultExport(String path, String how) {
		this.client.post()
			.uri(path + "?x=1")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo(how + ": POST http://localhost:" + this.port + path + "?x=1");
	}

	@Test
	void theWwsTutorialRustWorkerAnswersAsInWws() {
		this.client.get()
			.uri("/rust/tutorial")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals("x-generated-by", "wasm-workers-server")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.isEqualTo("Hello Wasm!");
	}

	@Test
	void statusAndHeadersComeFromTheWorker() {
		this.client.get()
			.uri("/status?code=418")
			.exchange()
			.expectStatus()
			.isEqualTo(418)
			.expectHeader()
			.valueEquals("x-custom-header", "from-c")
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.isEqualTo("status 418");
	}

	@Test
	void anInvalidStatusFromTheWorkerBecomes200() {
		this.client.get().uri("/status?code=0").exchange().expectStatus().isOk();
	}

	@Test
	void binaryBodyComesThroughBase64() {
		PngResponses.expectPng(this.client, "/rust/pixel");
	}

	@Test
	void assemblyScriptEchoWorkerSeesMethodAndBody() {
		this.client.post()
			.uri("/as/echo")
			.bodyValue("from \\\"AS\\\"")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("method POST body from \\\"AS\\\"");
	}

	@ParameterizedTest
	@CsvSource({ "/, text/html", "/style.css, text/css", "/docs, text/html", "/docs/, text/html" })
	void staticFilesComeFromThePublicFolder(String path, String type) {
		this.client.get().uri(path).exchange().expectStatus().isOk().expectHeader().contentTypeCompatibleWith(type);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/nope", "/hello.wasm", "/rust/hello.wasm", "/README.md", "/_shared/README.md",
			"/../pom.xml", "/%2e%2e/pom.xml", "/public/index.html" })
	void unknownPathsAndSourcesGetTheNotFoundPage(String path) {
		this.client.get()
			.uri((builder) -> builder.path(path).build(true))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Page not found"));
	}

	@Test
	void serverMetricsAreTaggedPerWorkerTemplate() {
		this.client.get().uri("/rust/users/7").exchange().expectStatus().isOk();
		assertThat(this.meterRegistry.get("http.server.requests").tag("uri", "/rust/users/{id}").timer().count())
			.isGreaterThanOrEqualTo(1);
	}

	private JsonNode json(WebTestClient.RequestHeadersSpec<?> request) {
		return JsonResponses.ok(request);
	}

}
