package dev.wasmworkers.sample.webmvc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Recipe of docs/testing.md: the whole application with {@link MockMvc}, no server; a
 * worker runs on the test's own thread when a slot is free, as it runs on the container's
 * thread, so its answer is there when {@code perform} returns.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MockMvcRecipeTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void aWorkerAnswersAtOnce() throws Exception {
		this.mvc.perform(get("/hello"))
			.andExpect(request().asyncNotStarted())
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Hello from a C worker")));
	}

	@Test
	void aPublicFileIsAnsweredAtOnce() throws Exception {
		this.mvc.perform(get("/")).andExpect(request().asyncNotStarted()).andExpect(status().isOk());
	}

}
