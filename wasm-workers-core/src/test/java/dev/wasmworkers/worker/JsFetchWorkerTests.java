package dev.wasmworkers.worker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wasmworkers.http.LoopbackServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound HTTP tests on the JavaScript worker (sample-app/js-test-workers/fetch.js),
 * whose {@code fetch} goes through the same client and allow-list as
 * {@code http.send-http-request}. A rejection is a {@code TypeError} whose message is
 * {@code [<Kind>] <message>}, with the kind names of wws's JavaScript binding; the
 * contract's assertions see it as the C worker's {@code {"error", "message"}}.
 */
class JsFetchWorkerTests extends OutboundHttpWorkerContract {

	private static final Pattern REJECTION = Pattern.compile("\\[([^\\]]+)\\] (.*)", Pattern.DOTALL);

	private static final Map<String, String> KINDS = Map.of("Invalid Request", "invalid-request",
			"Invalid Request Body", "invalid-request-body", "Invalid Response Body", "invalid-response-body",
			"Not allowed", "not-allowed", "Internal Error", "internal-error", "Request Timeout", "timeout",
			"Redirect Loop", "redirect-loop");

	JsFetchWorkerTests() {
		super(Path.of("../sample-app/js-test-workers/fetch.js"));
	}

	@Override
	List<List<String>> repeatedResponseHeader() {
		// Headers joins the values of a repeated name, as the Fetch standard does.
		return List.of(List.of("x-custom", "one, two"));
	}

	@Override
	JsonNode answer(JsonNode answer) {
		JsonNode rejected = answer.get("rejected");
		if (rejected == null) {
			return answer;
		}
		assertThat(rejected.get("name").asString()).isEqualTo("TypeError");
		assertThat(rejected.get("typeError").asBoolean()).isTrue();
		Matcher matcher = REJECTION.matcher(rejected.get("message").asString());
		assertThat(matcher.matches()).as(rejected.get("message").asString()).isTrue();
		assertThat(KINDS).containsKey(matcher.group(1));
		return error(KINDS.get(matcher.group(1)), matcher.group(2));
	}

	@Test
	void rejectsWithATypeErrorWhoseMessageStartsWithTheKindAsInWws() throws Exception {
		JsonNode answer = fetchAsIs("""
				[features.http_requests]
				allowed_hosts = ["api.example.com"]
				allow_http = true
				""", Map.of("uri", server().uri("/echo")));

		assertThat(answer.get("rejected").get("name").asString()).isEqualTo("TypeError");
		assertThat(answer.get("rejected").get("message").asString()).isEqualTo(
				"[Not allowed] The host '127.0.0.1' is not allowed for this worker. Please, update the worker configuration.");
	}

	@Test
	void refusesAUriTheHostCannotParse() throws Exception {
		JsonNode answer = fetch(ALL_METHODS, Map.of("uri", "http://127.0.0.1/a b"));

		assertThat(answer.get("error").asString()).isEqualTo("invalid-request");
		assertThat(answer.get("message").asString()).startsWith("Invalid URI: Illegal character in path");
		assertThat(server().received()).isEmpty();
	}

	@Test
	void refusesAMethodOutsideTheSevenInsteadOfSendingAGet() throws Exception {
		JsonNode answer = fetchAsIs(ALL_METHODS, Map.of("method", "TRACE", "uri", server().uri("/echo")));

		assertThat(answer.get("rejected").get("message").asString()).isEqualTo(
				"[Invalid Request] The method 'TRACE' cannot be sent: a worker may send GET, POST, PUT, PATCH, DELETE, OPTIONS and HEAD");
		assertThat(server().received()).isEmpty();
	}

	@Test
	void sendsALowerCaseMethodInUpperCase() throws Exception {
		fetch(ALL_METHODS, Map.of("method", "put", "uri", server().uri("/echo")));

		assertThat(server().received().get(0).method()).isEqualTo("PUT");
	}

	@Test
	void sendsAnArrayBufferBody() throws Exception {
		String allBytes = Base64.getEncoder().encodeToString(LoopbackServer.ALL_BYTES);

		fetch(ALL_METHODS, Map.of("method", "POST", "uri", server().uri("/echo"), "body", allBytes, "base64", true,
				"bodyAs", "arraybuffer"));

		assertThat(server().received().get(0).body()).isEqualTo(LoopbackServer.ALL_BYTES);
	}

	@Test
	void sendsABlobBodyWithItsTypeAsContentType() throws Exception {
		fetch(ALL_METHODS, Map.of("method", "POST", "uri", server().uri("/echo"), "body", "{\"a\":1}", "bodyAs", "blob",
				"blobType", "application/json"));

		assertThat(server().received().get(0).body()).asString(StandardCharsets.UTF_8).isEqualTo("{\"a\":1}");
		assertThat(server().received().get(0).headers()).containsEntry("content-type", List.of("application/json"));
	}

	@Test
	void takesARequestWithItsMethodHeadersAndBody() throws Exception {
		fetch(ALL_METHODS, Map.of("via", "request", "method", "DELETE", "uri", server().uri("/echo"), "headers",
				Map.of("x-a", "1"), "body", "gone"));

		assertThat(server().received()).singleElement().satisfies((received) -> {
			assertThat(received.method()).isEqualTo("DELETE");
			assertThat(received.headers()).containsEntry("x-a", List.of("1"));
			assertThat(received.body()).asString(StandardCharsets.UTF_8).isEqualTo("gone");
		});
	}

	@Test
	void takesAUrlAndHeaders() throws Exception {
		fetch(ALL_METHODS, Map.of("via", "url", "headersAs", "headers", "uri", server().uri("/echo?q=1"), "headers",
				Map.of("X-B", "2")));

		assertThat(server().received()).singleElement().satisfies((received) -> {
			assertThat(received.method()).isEqualTo("GET");
			assertThat(received.headers()).containsEntry("x-b", List.of("2"));
		});
	}

	@Test
	void answersAResponseWithStatusOkHeadersTextAndJson() throws Exception {
		JsonNode created = fetch(ALL_METHODS, Map.of("method", "POST", "uri", server().uri("/echo?status=201")));
		JsonNode missing = fetch(ALL_METHODS, Map.of("uri", server().uri("/echo?status=404")));

		assertThat(created.get("status").asInt()).isEqualTo(201);
		assertThat(created.get("ok").asBoolean()).isTrue();
		assertThat(created.get("headersIsHeaders").asBoolean()).isTrue();
		assertThat(created.get("json").get("method").asString()).isEqualTo("POST");
		assertThat(created.get("text").asString()).isEqualTo(created.get("json").toString());
		assertThat(missing.get("status").asInt()).isEqualTo(404);
		assertThat(missing.get("ok").asBoolean()).isFalse();
	}

}
