package dev.wasmworkers.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkerRepliesTests {

	@Test
	void defaultsContentTypeToHtml() throws InvalidWorkerOutputException {
		HttpReply reply = WorkerReplies.decode(output("hi", Map.of(), 200, false));
		assertThat(reply.headers()).containsExactly(Map.entry("content-type", "text/html"));
		assertThat(reply.body()).asString(StandardCharsets.UTF_8).isEqualTo("hi");
	}

	@Test
	void workerContentTypeOverridesTheDefaultWhateverItsCase() throws InvalidWorkerOutputException {
		HttpReply reply = WorkerReplies.decode(output("{}", Map.of("Content-Type", "application/json"), 200, false));
		assertThat(reply.headers()).containsExactly(Map.entry("Content-Type", "application/json"));
	}

	@Test
	void underscoresInHeaderNamesBecomeDashes() throws InvalidWorkerOutputException {
		HttpReply reply = WorkerReplies.decode(output("", Map.of("x_custom_header", "v"), 200, false));
		assertThat(reply.headers()).containsEntry("x-custom-header", "v").doesNotContainKey("x_custom_header");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 99, 1000, 65535 })
	void invalidStatusFallsBackTo200(int status) throws InvalidWorkerOutputException {
		assertThat(WorkerReplies.decode(output("", Map.of(), status, false)).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@ValueSource(ints = { 100, 201, 404, 418, 599, 999 })
	void validStatusIsKept(int status) throws InvalidWorkerOutputException {
		assertThat(WorkerReplies.decode(output("", Map.of(), status, false)).status()).isEqualTo(status);
	}

	@Test
	void base64DataIsDecodedToBytes() throws InvalidWorkerOutputException {
		byte[] png = { (byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff };
		HttpReply reply = WorkerReplies.decode(output(Base64.getEncoder().encodeToString(png), Map.of(), 200, true));
		assertThat(reply.body()).isEqualTo(png);
	}

	@Test
	void theUndecodableBase64ReplyIs503WithoutWorkerHeaders() {
		HttpReply reply = HttpReply.badBase64();
		assertThat(reply.status()).isEqualTo(503);
		assertThat(reply.headers()).doesNotContainKey("x-a");
		assertThat(reply.body()).asString(StandardCharsets.UTF_8).isEqualTo(HttpReply.BAD_BASE64_MESSAGE);
	}

	@Test
	void decodeFailsOnUndecodableBase64() {
		assertThatExceptionOfType(InvalidWorkerOutputException.class)
			.isThrownBy(() -> WorkerReplies.decode(output("not base64!", Map.of(), 200, true)))
			.withMessageContaining("base64");
	}

	@Test
	void errorPageIsTheWwsPage() {
		HttpReply reply = HttpReply.errorPage();
		assertThat(reply.status()).isEqualTo(500);
		assertThat(reply.headers()).containsEntry("content-type", "text/html");
		assertThat(reply.body()).asString(StandardCharsets.UTF_8)
			.isEqualTo("<p>There was an error running this function</p>");
	}

	private static WorkerOutput output(String data, Map<String, String> headers, int status, boolean base64) {
		return new WorkerOutput(data, headers, status, Map.of(), base64);
	}

}
