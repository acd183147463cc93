package dev.wasmworkers.sample;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Reads the JSON body of a request that must answer 200 with a JSON content type.
 */
final class JsonResponses {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JsonResponses() {
	}

	static JsonNode ok(WebTestClient.RequestHeadersSpec<?> request) {
		return MAPPER.readTree(request.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
			.expectBody()
			.returnResult()
			.getResponseBody());
	}

	static JsonNode get(WebTestClient client, String path) {
		return ok(client.get().uri(path));
	}

}
