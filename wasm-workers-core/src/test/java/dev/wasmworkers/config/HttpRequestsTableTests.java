package dev.wasmworkers.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.wasmworkers.http.HttpAllowList;
import dev.wasmworkers.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class HttpRequestsTableTests {

	private final WorkerConfigReader reader = new WorkerConfigReader((name) -> null);

	@TempDir
	Path root;

	@Test
	void whenEveryKeyIsSetThenTheSettingsHoldThem() throws Exception {
		HttpRequests settings = read("""
				[features.http_requests]
				allowed_hosts = ["jsonplaceholder.typicode.com", "127.0.0.1", "[::1]"]
				allowed_methods = ["GET", "HEAD", "OPTIONS"]
				allow_http = true
				""");

		assertThat(settings).isEqualTo(new HttpRequests(List.of("jsonplaceholder.typicode.com", "127.0.0.1", "[::1]"),
				EnumSet.of(HttpMethod.GET, HttpMethod.OPTIONS, HttpMethod.HEAD), true));
		assertThat(settings.allowList())
			.isEqualTo(new HttpAllowList(Set.of("jsonplaceholder.typicode.com", "127.0.0.1", "[::1]"),
					EnumSet.of(HttpMethod.GET, HttpMethod.OPTIONS, HttpMethod.HEAD), true));
	}

	@Test
	void whenTheTableIsMissingThenNoHostIsAllowed() throws Exception {
		HttpRequests settings = read("name = \"x\"\n");

		assertThat(settings).isEqualTo(HttpRequests.defaults());
		assertThat(settings.allowedHosts()).isEmpty();
		assertThat(settings.allowedMethods()).containsExactly(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
				HttpMethod.PATCH, HttpMethod.DELETE);
		assertThat(settings.allowHttp()).isFalse();
	}

	@Test
	void whenOnlyHostsAreGivenThenTheDefaultMethodsAndHttpsOnlyApply() throws Exception {
		HttpRequests settings = read("""
				[features.http_requests]
				allowed_hosts = ["api.example.com"]
				""");

		assertThat(settings)
			.isEqualTo(new HttpRequests(List.of("api.example.com"), HttpAllowList.DEFAULT_METHODS, false));
	}

	@Test
	void whenWrittenAsADottedKeyOrInlineTableThenItIsRead() throws Exception {
		assertThat(read("features.http_requests.allowed_hosts = [\"a.example\"]\n").allowedHosts())
			.containsExactly("a.example");
		assertThat(read("features = { http_requests = { allow_http = true } }\n").allowHttp()).isTrue();
	}

	@Test
	void whenAllowedMethodsIsEmptyThenNoMethodIsAllowed() throws Exception {
		assertThat(read("[features.http_requests]\nallowed_methods = []\n").allowedMethods()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"allowed_hosts = \"example.com\"|features.http_requests.allowed_hosts must be an array of strings",
			"allowed_hosts = [\"a.example\", 1]|features.http_requests.allowed_hosts[1] must be a string",
			"allowed_hosts = [\"\"]|features.http_requests.allowed_hosts[0] \"\" is empty",
			"allowed_hosts = [\"https://api.example.com\"]|features.http_requests.allowed_hosts[0] \"https://api.example.com\" must be a host name without a scheme",
			"allowed_hosts = [\"api.example.com/v1\"]|features.http_requests.allowed_hosts[0] \"api.example.com/v1\" must be a host name without a path",
			"allowed_hosts = [\"api.example.com:8080\"]|features.http_requests.allowed_hosts[0] \"api.example.com:8080\" must be a host name without a port",
			"allowed_hosts = [\"::1\"]|features.http_requests.allowed_hosts[0] \"::1\" must be a host name without a port",
			"allowed_hosts = [\"*.example.com\"]|features.http_requests.allowed_hosts[0] \"*.example.com\" has a wildcard, which is not supported",
			"allowed_hosts = [\"user@example.com\"]|features.http_requests.allowed_hosts[0] \"user@example.com\" is not a host name",
			"allowed_methods = \"GET\"|features.http_requests.allowed_methods must be an array of strings",
			"allowed_methods = [\"GET\", \"get\"]|features.http_requests.allowed_methods[1] \"get\" must be written in upper case: \"GET\"",
			"allowed_methods = [\"FETCH\"]|features.http_requests.allowed_methods[0] \"FETCH\" is not a method a worker can send; use GET, POST, PUT, PATCH, DELETE, OPTIONS or HEAD",
			"allowed_methods = [\"CONNECT\"]|features.http_requests.allowed_methods[0] \"CONNECT\" is not a method",
			"allow_http = \"yes\"|features.http_requests.allow_http must be true or false" })
	void whenAValueCannotBeUsedThenItsKeyAndLineAreReported(String line, String reason) throws IOException {
		write("name = \"x\"\n[features.http_requests]\n" + line + "\n");

		assertThatExceptionOfType(WorkerConfigException.class).isThrownBy(() -> this.reader.read(worker()))
			.satisfies((ex) -> {
				assertThat(ex.reason()).startsWith(reason);
				assertThat(ex.line()).hasValue(3);
			});
	}

	@Test
	void whenFeaturesIsNotATableThenItIsReported() throws IOException {
		write("features = \"http\"\n");

		assertThatExceptionOfType(WorkerConfigException.class).isThrownBy(() -> this.reader.read(worker()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("features must be a table"));
	}

	private HttpRequests read(String toml) throws Exception {
		write(toml);
		return this.reader.read(worker()).httpRequests();
	}

	private void write(String toml) throws IOException {
		Files.writeString(this.root.resolve("w.toml"), toml);
	}

	private Path worker() {
		return this.root.resolve("w.wasm");
	}

}
