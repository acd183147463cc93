package dev.wasmworkers.reload;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static dev.wasmworkers.reload.ReloadedProject.await;
import static dev.wasmworkers.reload.ReloadedProject.awaitAnswer;
import static dev.wasmworkers.reload.ReloadedProject.copy;
import static dev.wasmworkers.reload.ReloadedProject.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker replaced 20 times, alternately by two C workers, while 32 requests to it are
 * in flight at all times: every response is a 200 from one version or the other, never a
 * 404, a 500 or a mix.
 */
class ReloadUnderLoadHttpTests {

	private static final int IN_FLIGHT = 32;

	private static final int REPLACEMENTS = 20;

	private static final String HEALTHY_TEXT = "ok";

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class,
			() -> List.of("wasm.workers.path=" + ReloadedProject.create(), "wasm.workers.watch=true"));

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void everyRequestIsServedWhollyByTheOldOrTheNewVersion(WebStack stack) throws Exception {
		int port = servers.port(stack);
		Path root = servers.bean(stack, CatalogReloader.class).root();
		copy(ReloadedProject.HELLO, root, "flip.wasm");
		awaitAnswer(port, "/flip", 200, ReloadedProject.HELLO_TEXT);
		AtomicBoolean replacing = new AtomicBoolean(true);
		AtomicInteger requests = new AtomicInteger();
		ConcurrentHashMap<String, AtomicInteger> answers = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
		CountDownLatch started = new CountDownLatch(IN_FLIGHT);
		ExecutorService clients = Executors.newFixedThreadPool(IN_FLIGHT);
		try {
			List<Future<?>> running = new ArrayList<>();
			for (int client = 0; client < IN_FLIGHT; client++) {
				running.add(clients.submit(() -> {
					started.countDown();
					while (replacing.get()) {
						HttpResponse<String> response = get(port, "/flip");
						requests.incrementAndGet();
						String version = version(response);
						if (version == null) {
							unexpected.add(response.statusCode() + " " + response.body());
						}
						else {
							answers.computeIfAbsent(version, (key) -> new AtomicInteger()).incrementAndGet();
						}
					}
				}));
			}
			started.await();
			for (int replacement = 1; replacement <= REPLACEMENTS; replacement++) {
				boolean toHealthy = replacement % 2 == 1;
				copy(toHealthy ? ReloadedProject.HEALTHY : ReloadedProject.HELLO, root, "flip.wasm");
				String expected = toHealthy ? "healthy" : "hello";
				await("replacement " + replacement + " to be served",
						() -> expected.equals(version(get(port, "/flip"))));
			}
			replacing.set(false);
			for (Future<?> client : running) {
				client.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			replacing.set(false);
			clients.shutdownNow();
		}
		assertThat(unexpected).as("responses that are not a 200 from either version").isEmpty();
		assertThat(answers.keySet()).containsExactlyInAnyOrder("hello", "healthy");
		assertThat(requests.get()).isGreaterThan(IN_FLIGHT);
	}

	private static String version(HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			return null;
		}
		if (response.body().equals(HEALTHY_TEXT)) {
			return "healthy";
		}
		return response.body().contains(ReloadedProject.HELLO_TEXT) && response.body().endsWith("</html>\n") ? "hello"
				: null;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
