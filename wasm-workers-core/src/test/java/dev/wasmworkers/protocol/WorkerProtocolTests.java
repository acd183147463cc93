package dev.wasmworkers.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkerProtocolTests {

	private final WorkerProtocol protocol = new WorkerProtocol();

	@Test
	void encodesInputCompactlyInWwsFieldOrder() {
		WorkerInput input = new WorkerInput("http://127.0.0.1:8080/sub/42?x=1", "GET", Map.of("host", "127.0.0.1:8080"),
				"", Map.of(), Map.of("id", "42"));
		assertThat(new String(this.protocol.encode(input), StandardCharsets.UTF_8)).isEqualTo(
				"{\"url\":\"http://127.0.0.1:8080/sub/42?x=1\",\"method\":\"GET\",\"headers\":{\"host\":\"127.0.0.1:8080\"},"
						+ "\"body\":\"\",\"kv\":{},\"params\":{\"id\":\"42\"}}");
	}

	@Test
	void encodesUnicodeAndControlCharactersAsValidJson() {
		WorkerInput input = new WorkerInput("http://h/", "POST", Map.of(), "é\n\"\u0001", Map.of(), Map.of());
		assertThat(new String(this.protocol.encode(input), StandardCharsets.UTF_8))
			.contains("\"body\":\"é\\n\\\"\\u0001\"");
	}

	@Test
	void decodesEveryField() throws Exception {
		WorkerOutput output = decode(
				"{\"data\":\"hi\",\"headers\":{\"x-a\":\"1\"},\"status\":201,\"kv\":{\"k\":\"v\"},\"base64\":true}");
		assertThat(output).isEqualTo(new WorkerOutput("hi", Map.of("x-a", "1"), 201, Map.of("k", "v"), true));
	}

	@Test
	void base64DefaultsToFalseAndUnknownFieldsAreIgnored() throws Exception {
		WorkerOutput output = decode("{\"data\":\"\",\"headers\":{},\"status\":200,\"kv\":{},\"extra\":[1]}\n  ");
		assertThat(output.base64()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   \n", "not json", "{\"data\":\"x\"", "[1,2]",
			"{\"headers\":{},\"status\":200,\"kv\":{}}", "{\"data\":\"x\",\"status\":200,\"kv\":{}}",
			"{\"data\":\"x\",\"headers\":{},\"kv\":{}}", "{\"data\":\"x\",\"headers\":{},\"status\":200}",
			"{\"data\":1,\"headers\":{},\"status\":200,\"kv\":{}}",
			"{\"data\":null,\"headers\":{},\"status\":200,\"kv\":{}}",
			"{\"data\":\"x\",\"headers\":{\"a\":1},\"status\":200,\"kv\":{}}",
			"{\"data\":\"x\",\"headers\":{},\"status\":200,\"kv\":{\"n\":5}}",
			"{\"data\":\"x\",\"headers\":{},\"status\":\"200\",\"kv\":{}}",
			"{\"data\":\"x\",\"headers\":{},\"status\":-1,\"kv\":{}}",
			"{\"data\":\"x\",\"headers\":{},\"status\":70000,\"kv\":{}}",
			"{\"data\":\"x\",\"headers\":{},\"status\":200.5,\"kv\":{}}",
			"{\"data\":\"x\",\"headers\":{},\"status\":200,\"kv\":{},\"base64\":\"yes\"}",
			"{\"data\":\"x\",\"headers\":{},\"status\":200,\"kv\":{}}{\"data\":\"y\",\"headers\":{},\"status\":200,\"kv\":{}}" })
	void refusesOutputThatIsNotExactlyOneValidObject(String stdout) {
		assertThatExceptionOfType(InvalidWorkerOutputException.class).isThrownBy(() -> decode(stdout))
			.withMessageMatching(".+");
	}

	@Test
	void namesTheMissingField() {
		assertThatExceptionOfType(InvalidWorkerOutputException.class)
			.isThrownBy(() -> decode("{\"data\":\"x\",\"headers\":{},\"status\":200}"))
			.withMessage("missing field 'kv'");
	}

	private WorkerOutput decode(String stdout) throws InvalidWorkerOutputException {
		return this.protocol.decode(stdout.getBytes(StandardCharsets.UTF_8));
	}

}
