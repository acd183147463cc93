package dev.wasmworkers.sample;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of the example workers that answer a PNG image, sent base64-encoded by the
 * worker and decoded by the server.
 */
final class PngResponses {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private PngResponses() {
	}

	/**
	 * GETs the path, expecting {@code 200 OK}, {@code image/png} and the bytes of a PNG.
	 * @param client the client
	 * @param path the path of the worker
	 * @return the image's bytes
	 */
	static byte[] expectPng(WebTestClient client, String path) {
		byte[] png = client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.IMAGE_PNG)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(png).startsWith(PNG_SIGNATURE);
		return png;
	}

}
