package dev.wasmworkers.sample;

import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.testing.Awaiting;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests and checks of text answers shared by the sample's HTTP tests.
 */
final class TextResponses {

	/** What the example {@code message.txt} of a mounted folder contains. */
	static final String MOUNTED_FILE_TEXT = "This file was read from a mounted folder";

	/** The page a worker that failed answers with. */
	static final String ERROR_PAGE = "<p>There was an error running this function</p>";

	private TextResponses() {
	}

	/**
	 * GETs {@code /files/read?path=...}, the C file worker reading a file.
	 * @param client the client
	 * @param path the path of the file, as the worker sees it
	 * @return the response
	 */
	static WebTestClient.ResponseSpec readFile(WebTestClient client, String path) {
		return client.get().uri((builder) -> builder.path("/files/read").queryParam("path", path).build()).exchange();
	}

	/**
	 * Expects {@code 200 OK} and a body containing the text.
	 * @param response the response
	 * @param text the text
	 */
	static void expectOkContaining(WebTestClient.ResponseSpec response, String text) {
		response.expectStatus().isOk().expectBody(String.class).value((body) -> assertThat(body).contains(text));
	}

	/**
	 * GETs the path, expecting {@code 200 OK}.
	 * @param client the client
	 * @param path the path
	 * @return the body
	 */
	static String get(WebTestClient client, String path) {
		return client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Waits until no worker runs or waits, then expects the test folder's
	 * {@code /healthy} worker to answer {@code ok}.
	 * @param client the client
	 * @param executor the server's worker executor
	 */
	static void expectIdleAndHealthy(WebTestClient client, WorkerExecutor executor) {
		Awaiting.until(() -> executor.running() == 0 && executor.queued() == 0);
		client.get().uri("/healthy").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
	}

	/**
	 * GETs the path, expecting {@code 200 OK} with an HTML body containing the text.
	 * @param client the client
	 * @param path the path
	 * @param text the text
	 */
	static void expectHtmlContaining(WebTestClient client, String path, String text) {
		client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains(text));
	}

	/**
	 * GETs the path, expecting {@code 504} with the short message of a worker that ran
	 * out of time.
	 * @param client the client
	 * @param path the path
	 */
	static void expectWorkerTimedOut(WebTestClient client, String path) {
		client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(504)
			.expectBody(String.class)
			.isEqualTo("Worker timed out");
	}

	/**
	 * GETs the path, expecting {@code 500} with the error page of a worker that failed.
	 * @param client the client
	 * @param path the path
	 */
	static void expectErrorPage(WebTestClient client, String path) {
		client.get().uri(path).exchange().expectStatus().isEqualTo(500).expectBody(String.class).isEqualTo(ERROR_PAGE);
	}

	/**
	 * GETs a counter worker, expecting {@code 200 OK} and a body starting with
	 * {@code count }.
	 * @param client the client
	 * @param path the path of the counter worker
	 * @return the rest of the body, after {@code count }
	 */
	static String count(WebTestClient client, String path) {
		String body = get(client, path);
		assertThat(body).startsWith("count ");
		return body.substring("count ".length());
	}

}
