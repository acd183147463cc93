package dev.wasmworkers.sample;

import java.time.Duration;
import java.util.List;

import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JavaScript example workers of the sample app (sample-app/workers/js), through a
 * real port: both handler styles, the request and response API, route parameters, KV,
 * variables, redirects and binary bodies.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.path=workers")
@AutoConfigureWebTestClient(timeout = "PT30S")
class JavaScriptWorkersHttpTests {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private WebTestClient client;

	@Autowired
	private WorkerCatalogHolder catalogs;

	@LocalServerPort
	private int port;

	@Test
	void everyJavaScriptExampleIsServed() {
		assertThat(this.catalogs.current().workers()).filteredOn((worker) -> worker.name().endsWith(".js"))
			.extracting(Worker::name)
			.containsExactlyInAnyOrder("js/api.js", "js/async.js", "js/binary.js", "js/counter.js", "js/echo.js",
					"js/hello.js", "js/redirect.js", "js/users/[id].js", "js/wws-style.js");
		assertThat(this.catalogs.current().workers()).allSatisfy((worker) -> assertThat(worker.failure()).isEmpty());
	}

	@Test
	void helloAnswersHtml() {
		TextResponses.expectHtmlContaining(this.client, "/js/hello", "Hello from a JavaScript worker");
	}

	@Test
	void echoSeesTheRequestAsWwsGivesIt() {
		JsonNode echo = json(this.client.post()
			.uri("/js/echo?x=1&y=two words")
			.header("X-Custom-Header", "custom value")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("héllo body"));

		assertThat(echo.get("url").stringValue())
			.isEqualTo("http://localhost:" + this.port + "/js/echo?x=1&y=two%20words");
		assertThat(echo.get("method").stringValue()).isEqualTo("POST");
		assertThat(echo.get("path").stringValue()).isEqualTo("/js/echo");
		assertThat(echo.get("query").get("x").stringValue()).isEqualTo("1");
		assertThat(echo.get("query").get("y").stringValue()).isEqualTo("two words");
		assertThat(echo.get("headers").get("x-custom-header").stringValue()).isEqualTo("custom value");
		assertThat(echo.get("headers").get("content-type").stringValue()).startsWith("text/plain");
		assertThat(echo.get("body").stringValue()).isEqualTo("héllo body");
		assertThat(echo.get("params").isEmpty()).isTrue();
	}

	@Test
	void routeParametersReachTheWorker() {
		this.client.get()
			.uri("/js/users/42")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_PLAIN)
			.expectBody(String.class)
			.isEqualTo("user 42");
	}

	@Test
	void theCounterKeepsItsCountInTheKvNamespace() {
		int first = count();
		assertThat(count()).isEqualTo(first + 1);
		assertThat(count()).isEqualTo(first + 2);
	}

	@Test
	void concurrentRequestsEachGetTheirOwnRun() {
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<String> bodies = Flux.range(0, 40)
			.flatMap((i) -> webClient.post()
				.uri("/js/echo")
				.bodyValue("request " + i)
				.retrieve()
				.bodyToMono(String.class)
				.map((answer) -> this.json.readTree(answer).get("body").stringValue()), 8)
			.collectList()
			.block(Duration.ofMinutes(1));

		assertThat(bodies).hasSize(40).doesNotHaveDuplicates().allMatch((body) -> body.startsWith("request "));
	}

	@Test
	void theJsonApiAnswersGetAsJson() {
		JsonNode reply = json(this.client.get().uri("/js/api?name=Ada"));

		assertThat(reply.get("greeting").stringValue()).isEqualTo("Hello, Ada");
		assertThat(reply.get("method").stringValue()).isEqualTo("GET");
	}

	@Test
	void theJsonApiReadsAJsonBody() {
		this.client.post()
			.uri("/js/api")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"numbers\":[1,2,3.5]}")
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.isEqualTo("{\"count\":3,\"sum\":6.5}");
	}

	@Test
	void theJsonApiRefusesInvalidJsonAndOtherMethods() {
		this.client.post()
			.uri("/js/api")
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value((body) -> assertThat(body).startsWith("{\"error\":\"invalid JSON: "));
		this.client.delete()
			.uri("/js/api")
			.exchange()
			.expectStatus()
			.isEqualTo(405)
			.expectHeader()
			.valueEquals("allow", "GET, POST");
	}

	@Test
	void redirectsWithTheLocationAndStatus() {
		this.client.get()
			.uri("/js/redirect")
			.exchange()
			.expectStatus()
			.isFound()
			.expectHeader()
			.location("/js/hello")
			.expectBody(String.class)
			.isEqualTo("Redirecting to /js/hello");
		this.client.get()
			.uri("/js/redirect?status=301&to=https://example.com/")
			.exchange()
			.expectStatus()
			.isEqualTo(301)
			.expectHeader()
			.location("https://example.com/");
	}

	@Test
	void aBinaryBodyComesThroughIntact() {
		byte[] png = this.client.get()
			.uri("/js/binary")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();

		assertThat(png).hasSize(70).startsWith(PNG_SIGNATURE);
	}

	@Test
	void anAsyncHandlerAnswersThroughItsPromise() {
		this.client.get()
			.uri("/js/async")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("Hello from an async JavaScript worker (GET)");
	}

	@Test
	void aWorkerWrittenLikeTheWwsDocumentationRunsUnchanged() {
		this.client.put()
			.uri("/js/wws-style")
			.header("User-Agent", "wws-test/1.0")
			.bodyValue("some payload")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals("x-generated-by", "wasm-workers-server")
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("<h1>Hello from a wws-style \"JavaScript\" worker</h1>")
				.contains("<p>Replying to http://localhost:" + this.port + "/js/wws-style</p>")
				.contains("<p>Method: PUT</p>")
				.contains("<p>User Agent: wws-test/1.0</p>")
				.contains("<p>Payload: some payload</p>"));
	}

	@Test
	void javaScriptSourcesAreNotServedAsFiles() {
		this.client.get().uri("/js/hello.js").exchange().expectStatus().isNotFound();
	}

	private int count() {
		return Integer.parseInt(TextResponses.count(this.client, "/js/counter"));
	}

	private JsonNode json(WebTestClient.RequestHeadersSpec<?> request) {
		String body = request.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return this.json.readTree(body);
	}

}
