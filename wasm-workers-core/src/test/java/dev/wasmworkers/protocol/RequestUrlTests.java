package dev.wasmworkers.protocol;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

	@ParameterizedTest
	@ValueSource(strings = { "x?op=clear&z=", "x/admin", "x#frag", "x@evil.example", "evil.example:80/x", "a b",
			"x:99999", "x:", ":80", "[::1", "-x", "" })
	void anInvalidHostInAnyHeaderIsSkippedForTheNextSource(String injected) {
		assertThat(RequestUrl.of(Map.of("forwarded", "host=\"" + injected + "\"", "x-forwarded-host", "proxy.example"),
				"http", "127.0.0.1:9", "/kv", "op=get"))
			.isEqualTo("http://proxy.example/kv?op=get");
		assertThat(RequestUrl.of(Map.of("x-forwarded-host", injected, "host", "internal:8080"), "http", "127.0.0.1:9",
				"/kv", "op=get"))
			.isEqualTo("http://internal:8080/kv?op=get");
		assertThat(RequestUrl.of(Map.of("host", injected), "http", "127.0.0.1:9", "/kv", "op=get"))
			.isEqualTo("http://127.0.0.1:9/kv?op=get");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://evil.example/?op=clear#", "ftp", "https:", "javascript" })
	void anInvalidSchemeInAnyHeaderIsSkippedForTheNextSource(String injected) {
		assertThat(RequestUrl.of(Map.of("forwarded", "proto=" + injected, "x-forwarded-proto", "https", "host", "h"),
				"http", "127.0.0.1:9", "/", null))
			.isEqualTo("https://h/");
		assertThat(RequestUrl.of(Map.of("x-forwarded-proto", injected, "host", "h"), "http", "127.0.0.1:9", "/", null))
			.isEqualTo("http://h/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "example.com", "example.com.", "EXAMPLE.com:443", "10.0.0.1:8080", "[::1]", "[::1]:8080",
			"[2001:db8::1]:443", "under_score.internal", "localhost:0", "host:65535" })
	void validHostsAreUsedAsTheyAre(String host) {
		assertThat(RequestUrl.of(Map.of("x-forwarded-host", host), "http", "127.0.0.1:9", "/", null))
			.isEqualTo("http://" + host + "/");
	}

	@Test
	void withoutAnyValidSourceTheHostIsLocalhost() {
		assertThat(RequestUrl.of(Map.of("host", "x?y"), "http", "bad/host", "/", null)).isEqualTo("http://localhost/");
	}

}
