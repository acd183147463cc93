package dev.wasmworkers.http;

import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A customizer of the JDK client, against a real HTTP server on 127.0.0.1. */
class OutboundHttpClientCustomizerTests {

	private final LoopbackServer server = new LoopbackServer();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void aCustomizerConfiguresTheJdkClientButNotItsRedirectPolicy() throws Exception {
		OutboundHttpClient proxied = new OutboundHttpClient(
				new OutboundHttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10), 64 * 1024, 10),
				(builder) -> builder.proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", this.server.port())))
					.followRedirects(HttpClient.Redirect.ALWAYS));
		OutboundHttp worker = proxied.forWorker("test",
				new HttpAllowList(Set.of("through-the-proxy.test"), EnumSet.allOf(HttpMethod.class), true));

		assertThat(worker.send(get("http://through-the-proxy.test/echo")).status()).isEqualTo(200);
		assertThat(this.server.received()).singleElement()
			.satisfies((received) -> assertThat(received.uri()).isEqualTo("http://through-the-proxy.test/echo"));
		OutboundHttpException refused = catchThrowableOfType(OutboundHttpException.class,
				() -> worker.send(get("http://through-the-proxy.test/redirect?to=http://elsewhere.test/echo")));
		assertThat(refused.kind()).isEqualTo(HttpErrorKind.NOT_ALLOWED);
		assertThat(this.server.received()).hasSize(2);
	}

	private static OutboundRequest get(String uri) {
		return new OutboundRequest(HttpMethod.GET, uri, List.of(), new byte[0]);
	}

}
