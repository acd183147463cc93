package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestPathsTest {

	@ParameterizedTest(name = "''{0}'' -> ''{1}''")
	@CsvSource(delimiter = '|', textBlock = """
			/about/    | /about
			//a///b/   | /a/b
			/          | /
			//         | /
			''         | /
			/a         | /a
			/a/b       | /a/b
			/sub/[id]/ | /sub/[id]
			""")
	void whenPathIsNormalizedThenSlashesAreMergedAndTrailingOneTrimmed(String raw, String normalized) {
		assertThat(RequestPaths.normalize(raw)).isEqualTo(normalized);
	}

}
