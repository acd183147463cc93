package dev.wasmworkers.sample.webmvc;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Recipe of docs/testing.md: the whole application with {@link MockMvc}, no server; a
 * worker answers asynchronously, so the test dispatches the async result.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MockMvcRecipeTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void aWorkerAnswersAfterTheAsyncDispatch() throws Exception {
		MvcResult started = this.mvc.perform(get("/hello")).andExpect(request().asyncStarted()).andReturn();
		this.mvc.perform(asyncDispatch(started))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Hello from a C worker")));
	}

	@Test
	void aPublicFileIsAnsweredAtOnce() throws Exception {
		this.mvc.perform(get("/")).andExpect(request().asyncNotStarted()).andExpect(status().isOk());
	}

}
