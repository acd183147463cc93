package dev.wasmworkers.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow and idle clients against the sample app's Netty settings: a client trickling
 * header lines is cut off by {@code server.netty.idle-timeout}, connections past
 * {@code sample.server.max-connections} are closed at once, and a healthy worker answers
 * during and after both.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wasm.workers.path=workers", "server.netty.idle-timeout=2s",
				"sample.server.max-connections=40" })
@AutoConfigureWebTestClient(timeout = "PT30S")
class SlowClientsHttpTests {

	/** How many header lines the slow client would send, one every 250 ms: 30 s. */
	private static final int HEADER_LINES = 120;

	@Autowired
	private WebTestClient client;

	@LocalServerPort
	private int port;

	@Test
	void aClientTricklingHeaderLinesIsCutOffByTheIdleTimeout() throws IOException {
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			InputStream in = socket.getInputStream();
			out.write(ascii("GET /hello HTTP/1.1\r\nHost: localhost\r\n"));
			int sent = 0;
			boolean cutOff = false;
			while (!cutOff && sent < HEADER_LINES) {
				try {
					out.write(ascii("X-Slow-" + sent + ": x\r\n"));
					out.flush();
					sent++;
					cutOff = in.read() == -1;
				}
				catch (SocketTimeoutException stillOpen) {
					if (sent == 4) {
						helloAnswers();
					}
				}
				catch (IOException reset) {
					cutOff = true;
				}
			}
			assertThat(cutOff).as("cut off before sending its %d header lines (sent %d)", HEADER_LINES, sent).isTrue();
		}
		helloAnswers();
	}

	@Test
	void connectionsPastTheLimitAreClosedAtOnce() throws IOException {
		List<Socket> sockets = new ArrayList<>();
		try {
			for (int i = 0; i < 50; i++) {
				sockets.add(connect());
			}
			int closed = 0;
			for (Socket socket : sockets) {
				if (closedByServer(socket)) {
					closed++;
				}
			}
			assertThat(closed).as("connections closed by the server").isGreaterThanOrEqualTo(10);
		}
		finally {
			for (Socket socket : sockets) {
				socket.close();
			}
		}
		helloAnswers();
	}

	private Socket connect() throws IOException {
		Socket socket = new Socket("localhost", this.port);
		socket.setSoTimeout(250);
		return socket;
	}

	private static boolean closedByServer(Socket socket) {
		try {
			return socket.getInputStream().read() == -1;
		}
		catch (SocketTimeoutException stillOpen) {
			return false;
		}
		catch (IOException reset) {
			return true;
		}
	}

	private void helloAnswers() {
		this.client.get().uri("/hello").exchange().expectStatus().isOk();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
