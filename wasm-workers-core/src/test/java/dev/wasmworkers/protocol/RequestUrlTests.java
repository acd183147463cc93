package dev.wasmworkers.protocol;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestUrlTests {

	@Test
	void usesTheHostHeaderAndConnectionScheme() {
		assertThat(RequestUrl.of(Map.of("host", "example.com:8080"), "http", "127.0.0.1:9", "/a/b", "x=1&y=2"))
			.isEqualTo("http://example.com:8080/a/b?x=1&y=2");
	}

	@Test
	void fallsBackToTheConnectionHostWithoutAHostHeader() {
		assertThat(RequestUrl.of(Map.of(), "http", "127.0.0.1:9", "/", null)).isEqualTo("http://127.0.0.1:9/");
	}

	@Test
	void xForwardedHeadersWinOverHostAndConnection() {
		assertThat(RequestUrl.of(Map.of("host", "internal:8080", "x-forwarded-proto", "https, http", "x-forwarded-host",
				"public.example, proxy"), "http", "127.0.0.1:9", "/p", ""))
			.isEqualTo("https://public.example/p");
	}

	@Test
	void forwardedHeaderWinsOverXForwardedHeaders() {
		assertThat(
				RequestUrl.of(
						Map.of("forwarded", "for=1.2.3.4;proto=https;host=\"front.example\", for=5.6.7.8",
								"x-forwarded-proto", "http", "x-forwarded-host", "other", "host", "internal"),
						"http", "127.0.0.1:9", "/p", null))
			.isEqualTo("https://front.example/p");
	}

	@Test
	void forwardedWithoutHostKeepsOtherSources() {
		assertThat(RequestUrl.of(Map.of("forwarded", "proto=https", "host", "internal:1"), "http", "127.0.0.1:9", "/",
				null))
			.isEqualTo("https://internal:1/");
	}

}
