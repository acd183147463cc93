package dev.wasmworkers.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.wasmworkers.testing.Catalogs;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.testing.WebStack;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router reads the catalog being served on each request: once another catalog is
 * swapped in, requests, their metrics template and {@code /actuator/mappings} follow it,
 * on every web stack.
 */
class CatalogSwapHttpTests {

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class,
			"wasm.workers.path=" + project("first", "first"), "management.endpoints.web.exposure.include=mappings");

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void requestsFollowTheCatalogSwappedIn(WebStack stack) {
		WebTestClient client = servers.client(stack);
		client.get().uri("/hello").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("first");
		client.get().uri("/added").exchange().expectStatus().isNotFound();
		WorkerCatalogHolder catalogs = servers.bean(stack, WorkerCatalogHolder.class);
		WorkerCatalog first = catalogs.current();
		WorkerCatalog second = Catalogs.load(project("second", "second"));
		assertThat(catalogs.swap(second)).isSameAs(first);
		client.get().uri("/hello").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("second");
		client.get().uri("/added").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("added");
		client.get()
			.uri("/actuator/mappings")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((mappings) -> assertThat(mappings).contains("Wasm worker added.wasm"));
		catalogs.swap(first);
	}

	private static Path project(String name, String greeting) {
		try {
			Path root = Files.createTempDirectory("wasm-workers-" + name);
			WatWorkers.write(root, "hello.wasm", WatWorkers.answering(greeting));
			if (name.equals("second")) {
				WatWorkers.write(root, "added.wasm", WatWorkers.answering("added"));
			}
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
