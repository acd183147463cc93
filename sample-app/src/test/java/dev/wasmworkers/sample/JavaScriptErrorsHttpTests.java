package dev.wasmworkers.sample;

import dev.wasmworkers.testing.Awaiting;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JavaScript workers that fail on purpose (sample-app/js-test-workers): a syntax error at
 * start-up, exceptions in the handler and in the module, no handler, an endless loop and
 * a memory bomb each end in the page of a failed run, with the reason in the log, and the
 * server keeps answering.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.path=js-test-workers", "wasm.workers.timeout=2s", "wasm.workers.max-memory=32MB" })
@AutoConfigureWebTestClient(timeout = "PT60S")
@ExtendWith(OutputCaptureExtension.class)
class JavaScriptErrorsHttpTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private WorkerCatalogHolder catalogs;

	@Autowired
	private WorkerExecutor executor;

	@AfterEach
	void theServerStillAnswers() {
		Awaiting.until(() -> this.executor.running() == 0 && this.executor.queued() == 0);
		this.client.get().uri("/healthy").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
	}

	@Test
	void aSyntaxErrorIsReportedAtStartUpWithFileLineAndMessageAndTheRouteAnswers500() {
		Worker broken = this.catalogs.current()
			.workers()
			.stream()
			.filter((worker) -> worker.name().equals("syntax-error.js"))
			.findFirst()
			.orElseThrow();

		assertThat(broken.failure()).hasValueSatisfying(
				(reason) -> assertThat(reason).endsWith("SyntaxError at syntax-error.js:4:26: expecting ','"));
		errorPage("/syntax-error");
	}

	@Test
	void anExceptionInTheHandlerGives500AndItsMessageAndStackInTheLog(CapturedOutput output) {
		errorPage("/throws");

		Awaiting.until(() -> output.getOut().contains("at <anonymous> (throws.js:10:3)"));
		assertThat(output.getOut())
			.contains("Error running worker throws.js at route /throws: uncaught exception: TypeError: order 7 has no"
					+ " items (throws.js:4:11)")
			.contains("Uncaught TypeError: order 7 has no items")
			.contains("at checkOrder (throws.js:4:11)");
	}

	@Test
	void aRejectedPromiseGives500AndItsMessageInTheLog(CapturedOutput output) {
		errorPage("/rejects");

		Awaiting.until(() -> output.getOut().contains("Uncaught RangeError: the value is out of range"));
		assertThat(output.getOut()).contains("at fetch (rejects.js:5:11)");
	}

	@Test
	void anExceptionWhileTheModuleIsEvaluatedGives500AndItsPositionInTheLog(CapturedOutput output) {
		errorPage("/top-level-error");

		Awaiting.until(() -> output.getOut().contains("Error running worker top-level-error.js"));
		assertThat(output.getOut())
			.contains("Error running worker top-level-error.js at route /top-level-error:"
					+ " uncaught exception: expecting property name (top-level-error.js:2:23)")
			.contains("at <anonymous> (top-level-error.js:2:23)");
	}

	@Test
	void aWorkerWithoutHandlerGives500SayingSoInTheLog(CapturedOutput output) {
		errorPage("/no-handler");

		Awaiting.until(() -> output.getOut().contains("the worker registers no fetch handler"));
	}

	@Test
	void anEndlessLoopHitsTheDeadline() {
		TextResponses.expectWorkerTimedOut(this.client, "/loop");
	}

	@Test
	void aMemoryBombIsStoppedByTheMemoryCap() {
		errorPage("/memory-bomb");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 3 })
	void noStateSurvivesARequest(int attempt) {
		this.client.get().uri("/state").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("1 1");
	}

	private void errorPage(String path) {
		TextResponses.expectErrorPage(this.client, path);
	}

}
