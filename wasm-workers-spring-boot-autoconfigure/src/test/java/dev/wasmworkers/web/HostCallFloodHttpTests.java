package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The host-call attack of issue 11 through a real port on every web stack: two workers
 * that call {@code fd_write} on stderr over and over, each call with 31 iovecs of 64 MiB
 * (almost 2 GiB), until their deadline. Each gets 504 at its deadline, a healthy worker
 * keeps answering while they run and after, and nothing is left running.
 */
class HostCallFloodHttpTests {

	/**
	 * 1030 pages: the iovecs (each {@code {0, 64 MiB}}) at 64 MiB, the count written at
	 * 64 MiB + 512.
	 */
	private static final String FLOOD = """
			(module
			  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
			  (memory 1030)
			  (func (export "_start") (local $i i32)
			    (loop $iovecs
			      (i32.store (i32.add (i32.const 67108864) (i32.mul (local.get $i) (i32.const 8))) (i32.const 0))
			      (i32.store (i32.add (i32.const 67108868) (i32.mul (local.get $i) (i32.const 8)))
			        (i32.const 67108864))
			      (local.set $i (i32.add (local.get $i) (i32.const 1)))
			      (br_if $iovecs (i32.lt_u (local.get $i) (i32.const 31))))
			    (loop $flood
			      (drop (call $fd_write (i32.const 2) (i32.const 67108864) (i32.const 31) (i32.const 67109376)))
			      (br $flood))))
			""";

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + project(),
			"wasm.workers.timeout=2s", "wasm.workers.max-concurrency=4",
			"management.endpoint.health.show-details=always");

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void floodsStopAtTheirDeadlineWhileAHealthyWorkerKeepsAnswering(WebStack stack) {
		WebTestClient client = servers.client(stack);
		CompletableFuture<HttpStatusCode> first = flood(client, "/flood-a");
		CompletableFuture<HttpStatusCode> second = flood(client, "/flood-b");

		int answeredDuringTheFloods = 0;
		while (!first.isDone() && !second.isDone()) {
			assertHealthyAnswers(client);
			answeredDuringTheFloods++;
		}

		assertThat(answeredDuringTheFloods).as("healthy answers while both floods ran").isGreaterThan(1);
		assertThat(first.join().value()).isEqualTo(504);
		assertThat(second.join().value()).isEqualTo(504);
		for (int i = 0; i < 5; i++) {
			assertHealthyAnswers(client);
		}
		client.get()
			.uri("/actuator/health/wasmWorkers")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((health) -> assertThat(health).contains("\"status\":\"UP\"").doesNotContain("stuck"));
	}

	private static CompletableFuture<HttpStatusCode> flood(WebTestClient client, String uri) {
		return CompletableFuture.supplyAsync(() -> client.get().uri(uri).exchange().returnResult(String.class))
			.thenApply((result) -> result.getStatus());
	}

	private static void assertHealthyAnswers(WebTestClient client) {
		client.get().uri("/healthy").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("ok");
	}

	private static Path project() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-flood");
			WatWorkers.write(root, "healthy.wasm", WatWorkers.answering("ok"));
			WatWorkers.write(root, "flood-a.wasm", FLOOD);
			WatWorkers.write(root, "flood-b.wasm", FLOOD);
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
