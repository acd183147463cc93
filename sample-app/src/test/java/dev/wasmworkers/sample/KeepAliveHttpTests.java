package dev.wasmworkers.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One keep-alive client sending its next request as soon as an answer arrives keeps being
 * served by the sample app: a C worker's answer, a 404 answered on the spot and the
 * Actuator's health, answered from another thread, one after the other.
 * <p>
 * On Reactor Netty 1.3.7, the version Spring Boot 4.1.1 brings, such a connection was
 * sometimes never read again (reactor/reactor-netty#4361): here once in 200 to 2,000
 * rounds, and the client waited until its own timeout. The build uses Reactor Netty
 * 1.3.8, which resumes reading.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.path=workers")
class KeepAliveHttpTests {

	private static final int ROUNDS = 2000;

	private static final Duration PATIENCE = Duration.ofSeconds(5);

	@LocalServerPort
	private int port;

	@Test
	void workerAnswers404sAndHealthAnswersOneAfterTheOtherKeepTheConnectionServing() throws Exception {
		HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		for (int round = 0; round < ROUNDS; round++) {
			assertThat(get(client, "/hello").statusCode()).as("round %d: /hello", round).isEqualTo(200);
			assertThat(get(client, "/missing").statusCode()).as("round %d: /missing", round).isEqualTo(404);
			assertThat(get(client, "/actuator/health").statusCode()).as("round %d: /actuator/health", round)
				.isEqualTo(200);
		}
	}

	private HttpResponse<String> get(HttpClient client, String path) throws Exception {
		return client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(PATIENCE).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
