package dev.wasmworkers.testing;

import dev.wasmworkers.kv.KvStore;
import tools.jackson.databind.JsonNode;

import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;

/**
 * Base of the tests that serve a {@link ConfiguredProject} through a real server port on
 * every {@link WebStack}: the client, the KV store, and requests that expect
 * {@code 200 OK}.
 */
public abstract class ConfiguredProjectHttpTests {

	/**
	 * The servers of the test class, one per stack.
	 * @return the servers
	 */
	protected abstract StackServers servers();

	/**
	 * The property that serves the given project.
	 * @param project the project
	 * @return {@code wasm.workers.path=<its root>}
	 */
	protected static String serve(ConfiguredProject project) {
		return "wasm.workers.path=" + project.root();
	}

	/**
	 * A client of the server of a stack.
	 * @param stack the stack
	 * @return the client
	 */
	protected WebTestClient client(WebStack stack) {
		return servers().client(stack);
	}

	/**
	 * The KV store of the application of a stack.
	 * @param stack the stack
	 * @return the store
	 */
	protected KvStore kvStore(WebStack stack) {
		return servers().bean(stack, KvStore.class);
	}

	/**
	 * GETs the URI, expecting {@code 200 OK}.
	 * @param stack the stack
	 * @param uri the URI
	 * @return the body, parsed as JSON
	 */
	protected JsonNode get(WebStack stack, String uri) {
		return Json.parse(getString(stack, uri));
	}

	/**
	 * GETs the URI, expecting {@code 200 OK}.
	 * @param stack the stack
	 * @param uri the URI
	 * @return the body
	 */
	protected String getString(WebStack stack, String uri) {
		return okBody(client(stack).get().uri(uri));
	}

	/**
	 * DELETEs the URI, expecting {@code 200 OK}.
	 * @param stack the stack
	 * @param uri the URI
	 * @return the body, parsed as JSON
	 */
	protected JsonNode delete(WebStack stack, String uri) {
		return Json.parse(okBody(client(stack).delete().uri(uri)));
	}

	private static String okBody(RequestHeadersSpec<?> request) {
		return request.exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
	}

}
