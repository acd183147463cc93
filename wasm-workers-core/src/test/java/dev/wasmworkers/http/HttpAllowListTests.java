package dev.wasmworkers.http;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HttpAllowListTests {

	private final HttpAllowList apiOnly = new HttpAllowList(Set.of("api.example.com"), Set.of(HttpMethod.GET), false);

	@Test
	void checksTheHostFirstThenTheSchemeThenTheMethod() {
		assertThat(refusal(this.apiOnly, "http://other.example/", HttpMethod.DELETE)).isEqualTo(
				"The host 'other.example' is not allowed for this worker. Please, update the worker configuration.");
		assertThat(refusal(this.apiOnly, "http://api.example.com/", HttpMethod.DELETE))
			.isEqualTo("The URI must use HTTPS. You can allow http requests in the worker configuration");
		assertThat(refusal(this.apiOnly, "https://api.example.com/", HttpMethod.DELETE))
			.isEqualTo("The method 'DELETE' is not allowed for this worker. Please, update the configuration.");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.example.com", "https://api.example.com:8443/x?y#z",
			"HTTPS://API.Example.COM/", "https://user:secret@api.example.com/" })
	void allowsTheHostWhateverItsPortCaseOrUserInfo(String uri) {
		assertThatNoException().isThrownBy(() -> this.apiOnly.check(URI.create(uri), HttpMethod.GET));
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://api.example.com.evil.example/", "https://evil.example/api.example.com",
			"https://api.example.com@evil.example/", "https://evil.example/?host=api.example.com",
			"https://xapi.example.com/", "https://api.example.com./" })
	void refusesEveryOtherHost(String uri) {
		assertThat(refusal(this.apiOnly, uri, HttpMethod.GET)).startsWith("The host '")
			.doesNotContain("'api.example.com'");
	}

	@Test
	void comparesEntriesIgnoringCaseAndMatchesIpv6InBrackets() {
		HttpAllowList list = new HttpAllowList(Set.of("API.example.com", "[::1]"), HttpAllowList.DEFAULT_METHODS, true);

		assertThat(list.allowedHosts()).containsExactlyInAnyOrder("api.example.com", "[::1]");
		assertThatNoException().isThrownBy(() -> list.check(URI.create("http://[::1]:8080/"), HttpMethod.POST));
	}

	@Test
	void theEmptyListAllowsNoHost() {
		assertThat(HttpAllowList.none().allowedMethods()).isEqualTo(
				EnumSet.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE));
		assertThat(refusal(HttpAllowList.none(), "https://example.com/", HttpMethod.GET)).startsWith("The host");
	}

	private static String refusal(HttpAllowList list, String uri, HttpMethod method) {
		OutboundHttpException refusal = catchThrowableOfType(OutboundHttpException.class,
				() -> list.check(URI.create(uri), method));
		assertThat(refusal).isNotNull();
		assertThat(refusal.kind()).isEqualTo(HttpErrorKind.NOT_ALLOWED);
		return refusal.getMessage();
	}

}
