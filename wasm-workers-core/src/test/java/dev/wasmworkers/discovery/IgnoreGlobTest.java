package dev.wasmworkers.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IgnoreGlobTest {

	@ParameterizedTest
	@CsvSource({ "**/examples/**, examples, true", "**/examples/**, examples/a.js, true",
			"**/examples/**, x/examples/y/a.js, true", "**/examples/**, examples.js, false",
			"**/examples/**, my-examples/a.js, false", "*/*pub*, examples/public.js, true", "*/*pub*, public.js, false",
			"*/*pub*, a/b/public.js, false", "**, any/thing.js, true", "*.wasm, a.wasm, true",
			"*.wasm, dir/a.wasm, false", "**/*.wasm, dir/sub/a.wasm, true", "**/*.wasm, a.wasm, true",
			"a/**/b.js, a/b.js, true", "a/**/b.js, a/x/y/b.js, true", "a/**/b.js, ab.js, false", "?.js, a.js, true",
			"?.js, ab.js, false", "$.js, abc.js, true", "'[ab].js', a.js, true", "'[ab].js', c.js, false",
			"'[a-c]x.js', bx.js, true", "'[!a-c]x.js', bx.js, false", "'[!a-c]x.js', dx.js, true",
			"'{api,web}/**', web/a.js, true", "'{api,web}/**', app/a.js, false", "'{a*,b}.js', abc.js, true",
			"'\\*.js', *.js, true", "'\\*.js', a.js, false", "a+b (1).js, a+b (1).js, true",
			"'a,b.js', 'a,b.js', true" })
	void matchesAsWaxDoes(String glob, String path, boolean matches) {
		assertThat(IgnoreGlob.parse(glob).matches(path)).isEqualTo(matches);
	}

	@ParameterizedTest
	@CsvSource({ "**/node_modules/**, node_modules, true", "**/node_modules/**, a/node_modules, true",
			"**/node_modules/**, a/node_modules/b, true", "**/node_modules/**, a/modules, false", "**, a, true",
			"*/*pub*, examples, false", "examples, examples, false" })
	void knowsWhichFoldersItCoversEntirely(String glob, String folder, boolean covers) {
		assertThat(IgnoreGlob.parse(glob).ignoresEverythingUnder(folder)).isEqualTo(covers);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"',
			value = { "a**|'**' must be a whole path component (as in **/x or x/**)",
					"***/a|'**' must be a whole path component (as in **/x or x/**)", "[ab|'[' without its ']'",
					"{a,b|'{' without its '}'", "a}|unbalanced '}' at position 2",
					"a\\|'\\' at the end escapes nothing",
					"<a:1,2>|wax's repetitions <...> and flags (?...) are not supported",
					"[a/b]|a character class cannot hold '/'" })
	void refusesAnInvalidPatternSayingWhy(String glob, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> IgnoreGlob.parse(glob))
			.withMessage("ignore pattern '" + glob + "' is invalid: " + reason);
	}

	@ParameterizedTest
	@CsvSource({ "'', an ignore pattern cannot be empty",
			"/abs/**, ignore pattern '/abs/**' starts with '/'; patterns match paths relative to the project folder" })
	void refusesAnEmptyOrAbsolutePattern(String glob, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> IgnoreGlob.parse(glob)).withMessage(message);
	}

}
