package dev.wasmworkers.sample;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.testing.Awaiting;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python workers that fail on purpose, or check their isolation
 * (sample-app/python-test-workers): errors at start-up name the file, the line and the
 * message, and their routes answer the error page; an exception in {@code worker} gives
 * the error page and its traceback in the log; an endless loop hits the deadline; running
 * out of memory is a 500; no state survives a request, even under concurrency; and the
 * server keeps answering.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.path=python-test-workers", "wasm.workers.timeout=5s",
				"wasm.workers.max-concurrency=4", "wasm.workers.max-concurrency-per-worker=4" })
@AutoConfigureWebTestClient(timeout = "PT60S")
@ExtendWith(OutputCaptureExtension.class)
class PythonErrorsHttpTests {

	@Autowired
	private WebTestClient client;

	@Autowired
	private WorkerCatalogHolder catalogs;

	@Autowired
	private WorkerExecutor executor;

	@LocalServerPort
	private int port;

	@AfterEach
	void theServerStillAnswers() {
		TextResponses.expectIdleAndHealthy(this.client, this.executor);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			syntax-error.py    | SyntaxError at syntax-error.py:4:30: invalid syntax
			import-error.py    | ModuleNotFoundError at import-error.py:2: No module named 'numpy'
			top-level-error.py | KeyError at top-level-error.py:4: 'medium'
			no-worker.py       | the file defines no worker(request) function
			""")
	void aWorkerThatCannotLoadIsReportedAtStartUpWithFileLineAndMessageAndAnswers500(String file, String reason) {
		Worker broken = this.catalogs.current()
			.workers()
			.stream()
			.filter((worker) -> worker.name().equals(file))
			.findFirst()
			.orElseThrow();

		assertThat(broken.failure()).hasValueSatisfying((failure) -> assertThat(failure).endsWith(reason));
		TextResponses.expectErrorPage(this.client, broken.route().path());
		assertThat(TextResponses.get(this.client, "/actuator/wasmworkers")).contains(reason);
	}

	@Test
	void anExceptionInWorkerGives500AndItsTracebackInTheLog(CapturedOutput output) {
		TextResponses.expectErrorPage(this.client, "/throws");

		Awaiting.until(() -> output.getOut().contains("ValueError: order 7 has no items"));
		assertThat(output.getOut())
			.contains("Error running worker throws.py at route /throws: uncaught exception: ValueError: order 7 has"
					+ " no items")
			.contains("Traceback (most recent call last):")
			.contains("File \"throws.py\", line 10, in worker")
			.contains("File \"throws.py\", line 6, in check_order")
			.contains("raise ValueError(\"order \" + str(order[\"id\"]) + \" has no items\")")
			.doesNotContain("guest.py");
	}

	@Test
	void anAnswerThatIsNotAResponseGives500SayingSoInTheLog(CapturedOutput output) {
		TextResponses.expectErrorPage(this.client, "/wrong-answer");

		Awaiting.until(() -> output.getOut().contains("TypeError: worker(request) returned str, not a Response"));
	}

	@Test
	void printWritesToTheLogAndNotIntoTheResponse(CapturedOutput output) {
		this.client.get().uri("/prints").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("printed");

		Awaiting.until(() -> output.getOut().contains("answering GET"));
	}

	@Test
	void anEndlessLoopHitsTheDeadline() {
		TextResponses.expectWorkerTimedOut(this.client, "/loop");
	}

	@Test
	void runningOutOfMemoryGives500(CapturedOutput output) {
		TextResponses.expectErrorPage(this.client, "/memory-bomb");

		Awaiting.until(() -> output.getOut()
			.contains("Error running worker memory-bomb.py at route /memory-bomb: out" + " of memory"));
	}

	@Test
	void aMemoryLimitBelowTheSnapshotGives500SayingSoInTheLog(CapturedOutput output) {
		TextResponses.expectErrorPage(this.client, "/small-memory");

		Awaiting.until(() -> output.getOut()
			.contains("Error running worker small-memory.py at route /small-memory:" + " the Python worker needs "));
		assertThat(output.getOut()).contains("pages (64 KiB each) of memory, but the limit is 256");
	}

	@Test
	void noStateSurvivesARequestEvenUnderConcurrency() {
		WebClient webClient = WebClient.create("http://localhost:" + this.port);
		List<String> answers = Flux.range(0, 24)
			.flatMap((i) -> webClient.get().uri("/state").retrieve().bodyToMono(String.class), 8)
			.collectList()
			.block(Duration.ofMinutes(2));

		assertThat(answers).hasSize(24).containsOnly("1 1 1");
	}

	@Test
	void randomIsReseededForEachRequest() {
		Set<String> draws = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			draws.add(this.client.get()
				.uri("/dice")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody());
		}
		assertThat(draws).hasSize(5);
	}

}
