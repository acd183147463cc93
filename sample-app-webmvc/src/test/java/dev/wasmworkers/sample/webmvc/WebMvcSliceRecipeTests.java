package dev.wasmworkers.sample.webmvc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recipe of docs/testing.md: a {@code @WebMvcTest} slice includes the workers, and
 * {@link MockMvcTester} waits for their asynchronous responses.
 */
@WebMvcTest(properties = "wasm.workers.path=classpath:workers")
class WebMvcSliceRecipeTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void theSliceServesTheWorkers() {
		assertThat(this.mvc.get().uri("/hello")).hasStatusOk().bodyText().contains("Hello from a C worker");
	}

	@Test
	void theSliceServesThePublicFolderAndItsNotFoundPage() {
		assertThat(this.mvc.get().uri("/no/such/page")).hasStatus(404);
	}

}
