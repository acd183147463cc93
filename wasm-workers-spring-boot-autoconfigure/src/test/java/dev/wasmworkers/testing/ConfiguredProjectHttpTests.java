package dev.wasmworkers.testing;

import dev.wasmworkers.kv.KvStore;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;

/**
 * Base of the tests that serve a {@link ConfiguredProject} through a real server port:
 * the client, the KV store, and requests that expect {@code 200 OK}.
 */
public abstract class ConfiguredProjectHttpTests {

	@Autowired
	protected WebTestClient client;

	@Autowired
	protected KvStore kvStore;

	/**
	 * Serves the given project: sets {@code wasm.workers.path} to its root.
	 * @param project the project
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	protected static void serve(ConfiguredProject project, DynamicPropertyRegistry registry) {
		registry.add("wasm.workers.path", () -> project.root().toString());
	}

	/**
	 * GETs the URI, expecting {@code 200 OK}.
	 * @param uri the URI
	 * @return the body, parsed as JSON
	 */
	protected JsonNode get(String uri) {
		return Json.parse(getString(uri));
	}

	/**
	 * GETs the URI, expecting {@code 200 OK}.
	 * @param uri the URI
	 * @return the body
	 */
	protected String getString(String uri) {
		return okBody(this.client.get().uri(uri));
	}

	/**
	 * DELETEs the URI, expecting {@code 200 OK}.
	 * @param uri the URI
	 * @return the body, parsed as JSON
	 */
	protected JsonNode delete(String uri) {
		return Json.parse(okBody(this.client.delete().uri(uri)));
	}

	private static String okBody(RequestHeadersSpec<?> request) {
		return request.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

}
