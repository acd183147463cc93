package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that keeps its connection open and sends its next request as soon as a
 * worker's answer arrives keeps being served, on every web stack, when that next request
 * is answered on the spot (a 404): on Reactor Netty, a worker's answer finished on a
 * worker thread let such a request arrive before the previous one had ended, and the
 * connection then stopped reading (reactor/reactor-netty#4361).
 */
class KeepAliveHttpTests {

	private static final int ROUNDS = 300;

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class, "wasm.workers.path=" + project());

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aWorkerAnswerFollowedAtOnceByA404KeepsTheConnectionServing(WebStack stack) throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		int port = servers.port(stack);
		for (int round = 0; round < ROUNDS; round++) {
			assertThat(get(client, port, "/hello").body()).as("round %d", round).isEqualTo("hello");
			assertThat(get(client, port, "/missing").statusCode()).as("round %d", round).isEqualTo(404);
		}
	}

	private static HttpResponse<String> get(HttpClient client, int port, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static Path project() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-keep-alive");
			WatWorkers.write(root, "hello.wasm", WatWorkers.answering("hello"));
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
