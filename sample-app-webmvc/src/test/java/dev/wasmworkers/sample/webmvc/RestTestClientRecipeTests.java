package dev.wasmworkers.sample.webmvc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipe of docs/testing.md: the whole application on a real Tomcat port, with
 * {@link RestTestClient}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class RestTestClientRecipeTests {

	@Autowired
	private RestTestClient client;

	@Test
	void aWorkerAnswersThroughTheServerPort() {
		this.client.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Hello from a C worker"));
	}

	@Test
	void aRunPastTheRequestBodyLimitGets413() {
		this.client.post().uri("/echo").body("x".repeat(2 * 1024 * 1024)).exchange().expectStatus().isEqualTo(413);
	}

}
