package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoutePrefixTest {

	@ParameterizedTest(name = "''{0}'' -> ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			''               | ''
			/app             | /app
			app              | /app
			app/             | /app
			/app/            | /app
			/app/test/       | /app/test
			/app/test        | /app/test
			app/test/        | /app/test
			\\app            | /app
			app\\            | /app
			\\app\\          | /app
			\\app\\test\\    | /app/test
			\\app\\test      | /app/test
			app\\test\\      | /app/test
			""")
	void whenPrefixIsNormalizedThenItMatchesTheWwsTable(String prefix, String normalized) {
		assertThat(RoutePrefix.normalize(prefix)).isEqualTo(normalized);
	}

	@ParameterizedTest(name = "''{0}'' -> ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			/        | ''
			//       | ''
			app//    | /app
			//app//x | /app/x
			""")
	void whenPrefixHasRepeatedSlashesThenTheyAreMerged(String prefix, String normalized) {
		assertThat(RoutePrefix.normalize(prefix)).isEqualTo(normalized);
	}

	@Test
	void whenPrefixIsNormalizedTwiceThenItDoesNotChange() {
		assertThat(RoutePrefix.normalize(RoutePrefix.normalize("\\app\\test\\"))).isEqualTo("/app/test");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/[id]", "/app/{x}", "/app*", "/a?b", "/a]" })
	void whenPrefixWouldChangeRoutingThenItIsRefused(String prefix) {
		assertThatIllegalArgumentException().isThrownBy(() -> RoutePrefix.normalize(prefix))
			.withMessageContaining(prefix);
	}

}
