package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wasmworkers.observation.WasmWorkerInvocationContext;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.testing.WebStack;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which thread a worker runs on, through a real server port, with one slot
 * ({@code max-concurrency=1}): on Spring MVC the container's own thread when the slot is
 * free, a worker thread when it is not (its answer then written without an asynchronous
 * re-dispatch); on WebFlux always a worker thread, never the event loop.
 */
@ExtendWith(OutputCaptureExtension.class)
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
		CompletableFuture<HttpStatusCode> looping = holdTheSlot(stack);

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

	@ParameterizedTest
	@EnumSource(value = WebStack.class, names = "WEBFLUX_NETTY", mode = EnumSource.Mode.EXCLUDE)
	void onSpringMvcTheAnswerOfARunOnAWorkerThreadIsWrittenWithoutAnAsyncDispatch(WebStack stack) {
		AsyncDispatches dispatches = servers.bean(stack, AsyncDispatches.class);
		MeterRegistry registry = servers.bean(stack, MeterRegistry.class);
		Timer hello = registry.timer("http.server.requests", "uri", "/hello", "status", "200", "method", "GET",
				"outcome", "SUCCESS", "exception", "none", "error", "none");
		long answered = hello.count();
		CompletableFuture<HttpStatusCode> looping = holdTheSlot(stack);
		dispatches.count.set(0);

		getHello(stack);

		assertThat(looping.join().value()).isEqualTo(504);
		assertThat(dispatches.count).hasValue(0);
		Awaitility.await().untilAsserted(() -> assertThat(hello.count()).isEqualTo(answered + 1));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void clientsThatResetTheirConnectionWhileTheirRunWaitsLeaveNoErrorAndTheServerServing(WebStack stack,
			CapturedOutput output) throws IOException {
		CompletableFuture<HttpStatusCode> looping = holdTheSlot(stack);

		for (int i = 0; i < 50; i++) {
			try (Socket socket = new Socket("localhost", servers.port(stack))) {
				socket.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes());
				socket.setSoLinger(true, 0);
			}
		}

		assertThat(looping.join().value()).isEqualTo(504);
		getHello(stack);
		assertThat(output).doesNotContain(" ERROR ").doesNotContain("HttpMessageNotWritableException");
	}

	/**
	 * Starts a request to the looping worker and returns once it runs, holding the one
	 * slot until its timeout; the threads recorded before are forgotten first.
	 * @return the looping request's status, 504 at its timeout
	 */
	private static CompletableFuture<HttpStatusCode> holdTheSlot(WebStack stack) {
		RunThreads threads = servers.bean(stack, RunThreads.class);
		threads.byRoute.clear();
		CompletableFuture<HttpStatusCode> looping = WebClient.create("http://localhost:" + servers.port(stack))
			.get()
			.uri("/loop")
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode()))
			.toFuture();
		Awaitility.await().until(() -> threads.byRoute.containsKey("/loop"));
		return looping;
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

	/**
	 * A project of two workers: {@code /hello}, and {@code /loop}, which loops until its
	 * 1 s timeout.
	 */
	static Path project() {
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

	/** Counts the asynchronous dispatches of the servlet container. */
	static class AsyncDispatches extends OncePerRequestFilter {

		final AtomicInteger count = new AtomicInteger();

		@Override
		protected boolean shouldNotFilterAsyncDispatch() {
			return false;
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getDispatcherType() == DispatcherType.ASYNC) {
				this.count.incrementAndGet();
			}
			chain.doFilter(request, response);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RunThreads runThreads() {
			return new RunThreads();
		}

		@Bean
		AsyncDispatches asyncDispatches() {
			return new AsyncDispatches();
		}

	}

}
