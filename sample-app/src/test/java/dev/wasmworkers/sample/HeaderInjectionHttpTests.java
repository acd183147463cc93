package dev.wasmworkers.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client cannot inject a path, query or fragment into the URL a worker gets through the
 * {@code Forwarded}, {@code X-Forwarded-Host}, {@code X-Forwarded-Proto} or {@code Host}
 * headers: an invalid value is skipped for the next source.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "wasm.workers.path=workers")
@AutoConfigureWebTestClient(timeout = "PT30S")
class HeaderInjectionHttpTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "x?op=clear&z=", "x/other?op=clear", "x#", "user@x", "x:99999" })
	void anInvalidXForwardedHostIsIgnored(String injected) {
		assertThat(url("X-Forwarded-Host", injected)).isEqualTo("http://localhost:" + this.port + "/echo?op=get");
	}

	@ParameterizedTest
	@ValueSource(strings = { "host=\"x?op=clear&z=\"", "host=x/other;proto=http", "for=1.2.3.4;host=\"x#\"" })
	void anInvalidForwardedHostIsIgnored(String injected) {
		assertThat(url("Forwarded", injected)).isEqualTo("http://localhost:" + this.port + "/echo?op=get");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://x/?op=clear#", "ftp" })
	void anInvalidForwardedSchemeIsIgnored(String injected) {
		assertThat(url("X-Forwarded-Proto", injected)).isEqualTo("http://localhost:" + this.port + "/echo?op=get");
	}

	@ParameterizedTest
	@ValueSource(strings = { "x?op=clear&z=", "x/other", "x#" })
	void anInvalidHostHeaderNeverReachesTheWorkersUrl(String injected) throws IOException {
		String response = rawGet("/echo?op=get", injected);
		assertThat(response).startsWith("HTTP/1.1 200");
		JsonNode input = MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
		// Netty builds the request's own URI from the Host header too, so no valid host
		// is left.
		assertThat(input.get("url").stringValue()).isEqualTo("http://localhost/echo?op=get");
	}

	private String url(String header, String value) {
		return JsonResponses.ok(this.client.get().uri("/echo?op=get").header(header, value)).get("url").stringValue();
	}

	/** Sends a GET with the given Host header as it is, and reads the whole response. */
	private String rawGet(String path, String host) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
