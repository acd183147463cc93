package dev.wasmworkers.web;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Under MockMvc, a worker that has to wait for the slot answers through Spring's
 * asynchronous dispatch, which MockMvc knows how to wait for, and not through the
 * container's {@code AsyncContext} as with a real server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = "wasm.workers.max-concurrency=1")
@AutoConfigureMockMvc
class MockMvcAsyncAnswerTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private RunThreadHttpTests.RunThreads threads;

	@DynamicPropertySource
	static void workers(DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", () -> RunThreadHttpTests.project().toString());
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void aRunThatWaitsForTheSlotAnswersAfterTheAsyncDispatch() throws Exception {
		CompletableFuture<Integer> looping = CompletableFuture.supplyAsync(this::loopStatus);
		Awaitility.await().until(() -> this.threads.byRoute.containsKey("/loop"));

		MvcResult started = this.mvc.perform(get("/hello")).andExpect(request().asyncStarted()).andReturn();

		this.mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andExpect(content().string("hello"));
		assertThat(looping.join()).isEqualTo(504);
	}

	private int loopStatus() {
		try {
			return this.mvc.perform(get("/loop")).andReturn().getResponse().getStatus();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

		@Bean
		RunThreadHttpTests.RunThreads runThreads() {
			return new RunThreadHttpTests.RunThreads();
		}

	}

}
