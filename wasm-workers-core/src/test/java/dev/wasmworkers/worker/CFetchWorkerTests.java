package dev.wasmworkers.worker;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbound HTTP tests on the C worker (workers/c/fetch.c and wws_http.c). */
class CFetchWorkerTests extends OutboundHttpWorkerContract {

	CFetchWorkerTests() {
		super(Path.of("../sample-app/test-workers/fetch.wasm"));
	}

	@Test
	void refusesAUriTheHostCannotParse() throws Exception {
		// The C worker passes the URI as it is; the Rust kit's http crate refuses it
		// first.
		JsonNode answer = fetch(ALL_METHODS, Map.of("uri", "http://127.0.0.1/a b"));

		assertThat(answer.get("error").asString()).isEqualTo("invalid-request");
		assertThat(answer.get("message").asString()).startsWith("Invalid URI: Illegal character in path");
		assertThat(server().received()).isEmpty();
	}

}
