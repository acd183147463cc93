package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileRoutesTest {

	@ParameterizedTest(name = "{0} with prefix ''{2}'' -> {3}")
	@CsvSource(delimiter = '|', textBlock = """
			index.wasm                | wasm | ''   | /
			index.js                  | js   | ''   | /
			examples/index.wasm       | wasm | ''   | /examples
			examples/api/index.js     | js   | ''   | /examples/api
			examples/api/index.wasm   | wasm | ''   | /examples/api
			examples/handler.wasm     | wasm | ''   | /examples/handler
			examples/api/handler.wasm | wasm | ''   | /examples/api/handler
			handler.wasm              | wasm | ''   | /handler
			[id].js                   | js   | ''   | /[id]
			sub/[...all].wasm         | wasm | ''   | /sub/[...all]
			a/index/b.wasm            | wasm | ''   | /a/b
			index/index.wasm          | wasm | ''   | /
			a/b.c.wasm                | wasm | ''   | /a/b.c
			index.c.wasm              | wasm | ''   | /index.c
			indexes.wasm              | wasm | ''   | /indexes
			index.wasm                | wasm | /app | /app
			examples/index.wasm       | wasm | /app | /app/examples
			[id].wasm                 | wasm | /app | /app/[id]
			sub/[...all].wasm         | wasm | /a/b | /a/b/sub/[...all]
			""")
	void whenFileIsMappedThenRouteFollowsWws(String relativePath, String extension, String prefix, String route) {
		assertThat(FileRoutes.routePath(relativePath, extension, prefix)).isEqualTo(route);
	}

}
