package dev.wasmworkers.sample;

import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python example workers of the sample app (sample-app/workers/python), through a
 * real port: the wws Python API (request, response, status and headers), route
 * parameters, KV, variables, a mounted folder, a binary answer and a pure-Python library
 * from a mounted folder on {@code PYTHONPATH}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.path=workers")
@AutoConfigureWebTestClient(timeout = "PT30S")
class PythonWorkersHttpTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private WorkerCatalogHolder catalogs;

	@LocalServerPort
	private int port;

	@Test
	void everyPythonExampleIsServed() {
		assertThat(this.catalogs.current().workers()).filteredOn((worker) -> worker.name().endsWith(".py"))
			.extracting(Worker::name)
			.containsExactlyInAnyOrder("python/counter.py", "python/echo.py", "python/files.py", "python/hello.py",
					"python/libs.py", "python/pixel.py", "python/users/[id].py", "python/vars.py");
		assertThat(this.catalogs.current().workers()).allSatisfy((worker) -> assertThat(worker.failure()).isEmpty());
	}

	@Test
	void helloAnswersHtmlWithItsOwnHeader() {
		this.client.get()
			.uri("/python/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectHeader()
			.valueEquals("x-generated-by", "wasm-workers-server")
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Hello from a Python worker"));
	}

	@Test
	void echoSeesTheRequestAsWwsGivesIt() {
		JsonNode echo = JsonResponses.ok(this.client.post()
			.uri("/python/echo?x=1")
			.header("X-Custom-Header", "custom value")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("héllo body"));

		assertThat(echo.get("url").stringValue()).isEqualTo("http://localhost:" + this.port + "/python/echo?x=1");
		assertThat(echo.get("method").stringValue()).isEqualTo("POST");
		assertThat(echo.get("headers").get("x-custom-header").stringValue()).isEqualTo("custom value");
		assertThat(echo.get("headers").get("content-type").stringValue()).startsWith("text/plain");
		assertThat(echo.get("body").stringValue()).isEqualTo("héllo body");
		assertThat(echo.get("params").isEmpty()).isTrue();
	}

	@Test
	void aDynamicSegmentIsAParam() {
		TextResponses.expectOkContaining(this.client.get().uri("/python/users/ada-42").exchange(), "user ada-42");
	}

	@Test
	void theCounterKeepsItsCountInItsKvNamespace() {
		int first = Integer.parseInt(TextResponses.count(this.client, "/python/counter"));
		assertThat(TextResponses.count(this.client, "/python/counter")).isEqualTo(String.valueOf(first + 1));
		this.client.get()
			.uri("/actuator/wasmkv/python-counter")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("\"count\""));
	}

	@Test
	void deleteRemovesTheKeyFromTheKvNamespace() {
		TextResponses.count(this.client, "/python/counter");
		TextResponses.expectOkContaining(this.client.delete().uri("/python/counter").exchange(), "count deleted");

		assertThat(TextResponses.count(this.client, "/python/counter")).isEqualTo("1");
	}

	@Test
	void theEnvironmentIsExactlyTheWorkersVars() {
		JsonNode vars = JsonResponses.get(this.client, "/python/vars");

		assertThat(vars.get("message").stringValue()).isEqualTo("Hello from Python vars");
		assertThat(vars.get("environ").propertyNames()).containsExactlyInAnyOrder("MESSAGE", "FROM_HOST");
	}

	@Test
	void aMountedFolderIsReadableUnderGuest() {
		TextResponses.expectOkContaining(this.client.get().uri("/python/files").exchange(),
				TextResponses.MOUNTED_FILE_TEXT + "\nmessage.txt notes");
	}

	@Test
	void aBytesBodyIsSentAsBinary() {
		assertThat(PngResponses.expectPng(this.client, "/python/pixel")).hasSize(70);
	}

	@Test
	void aPurePythonLibraryIsImportedFromAMountedFolderOnPythonPath() {
		TextResponses.expectOkContaining(this.client.get()
			.uri((uri) -> uri.path("/python/libs").queryParam("title", "Un, deux!").build())
			.exchange(), "un-deux (2 words)");
	}

	@Test
	void theWorkersKindIsPyInTheActuatorEndpoint() {
		assertThat(TextResponses.get(this.client, "/actuator/wasmworkers")).contains("python/hello.py")
			.contains("\"kind\":\"py\"");
	}

}
