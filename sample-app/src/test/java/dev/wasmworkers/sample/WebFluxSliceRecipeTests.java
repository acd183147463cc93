package dev.wasmworkers.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipe of docs/testing.md: a {@code @WebFluxTest} slice includes the workers, and its
 * {@link WebTestClient} calls them without a server.
 */
@WebFluxTest(properties = "wasm.workers.path=classpath:workers")
class WebFluxSliceRecipeTests {

	@Autowired
	private WebTestClient client;

	@Test
	void theSliceServesTheWorkers() {
		this.client.get()
			.uri("/hello")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((body) -> assertThat(body).contains("Hello from a C worker"));
	}

}
