package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import dev.wasmworkers.observation.WasmWorkerInvocationContext;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.testing.WebStack;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which thread a worker runs on, through a real server port, with one slot
 * ({@code max-concurrency=1}): on Spring MVC the container's own thread when the slot is
 * free, a worker thread when it is not; on WebFlux always a worker thread, never the
 * event loop.
 */
class RunThreadHttpTests {

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + project(),
			"wasm.workers.max-concurrency=1");

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aRunWithTheSlotFreeRunsOnTheServletContainersThreadOrOnWebFluxOnAWorkerThread(WebStack stack) {
		RunThreads threads = servers.bean(stack, RunThreads.class);
		threads.byRoute.clear();

		getHello(stack);

		if (stack == WebStack.WEBFLUX_NETTY) {
			assertThat(threads.byRoute.get("/hello")).isEqualTo("wasm-worker-1");
		}
		else {
			assertThat(threads.byRoute.get("/hello")).isNotNull().doesNotStartWith("wasm-worker-");
		}
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aRunWhileAnotherHoldsTheSlotWaitsAndRunsOnAWorkerThread(WebStack stack) {
		RunThreads threads = servers.bean(stack, RunThreads.class);
		threads.byRoute.clear();
		CompletableFuture<HttpStatusCode> looping = WebClient.create("http://localhost:" + servers.port(stack))
			.get()
			.uri("/loop")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.toFuture();
		Awaitility.await().until(() -> threads.byRoute.containsKey("/loop"));

		getHello(stack);

		assertThat(looping.join().value()).isEqualTo(504);
		assertThat(threads.byRoute.get("/hello")).isEqualTo("wasm-worker-1");
		if (stack == WebStack.WEBFLUX_NETTY) {
			assertThat(threads.byRoute.get("/loop")).isEqualTo("wasm-worker-1");
		}
		else {
			assertThat(threads.byRoute.get("/loop")).doesNotStartWith("wasm-worker-");
		}
	}

	private static void getHello(WebStack stack) {
		servers.client(stack)
			.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.isEqualTo("hello");
	}

	private static Path project() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-run-thread");
			WatWorkers.write(root, "hello.wasm", WatWorkers.answering("hello"));
			WatWorkers.write(root, "loop.wasm", WatWorkers.looping());
			Files.writeString(root.resolve("loop.toml"), "[limits]\ntimeout = \"1s\"\n");
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Records the thread each worker route last ran on, from its observation's scope. */
	static class RunThreads implements ObservationHandler<WasmWorkerInvocationContext> {

		final Map<String, String> byRoute = new ConcurrentHashMap<>();

		@Override
		public void onScopeOpened(WasmWorkerInvocationContext context) {
			this.byRoute.put(context.getWorker().route().path(), Thread.currentThread().getName());
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof WasmWorkerInvocationContext;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RunThreads runThreads() {
			return new RunThreads();
		}

	}

}
