package dev.wasmworkers.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.roastedroot.quickjs4j.core.JavyPluginModuleMachine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CompilerNodeLimitTests {

	@Test
	void startingTheJavaScriptEngineRaisesTheNodeLimitForThePluginsClassesOnly() throws Exception {
		JavaScriptEngine.start("node-limit-prelude.mjs", "globalThis.ready = true;");

		String directives = CompilerNodeLimit.printDirectives();
		String pattern = CompilerNodeLimit.pattern(JavyPluginModuleMachine.class);
		assertThat(pattern).isEqualTo("io/roastedroot/quickjs4j/core/JavyPluginModuleMachine*.*");
		assertThat(c2Directives(directives, pattern)).contains("MaxNodeLimit:" + CompilerNodeLimit.NODE_LIMIT);
		assertThat(c2Directives(directives, "*.*")).contains("MaxNodeLimit:80000");
	}

	@Test
	void addsTheDirectiveOncePerMachine() throws Exception {
		String pattern = CompilerNodeLimit.pattern(NodeLimitProbe.class);

		assertThat(CompilerNodeLimit.raiseFor(NodeLimitProbe.class)).isTrue();
		assertThat(CompilerNodeLimit.raiseFor(NodeLimitProbe.class)).isTrue();

		String directives = CompilerNodeLimit.printDirectives();
		assertThat(directives.split(Pattern.quote("matching: " + pattern + "\n"), -1)).hasSize(2);
		assertThat(c2Directives(directives, pattern)).contains("MaxNodeLimit:" + CompilerNodeLimit.NODE_LIMIT);
	}

	@Test
	void neverLowersALimitTheJvmWasStartedWith() {
		assertThat(CompilerNodeLimit.nodeLimit(80_000)).isEqualTo(CompilerNodeLimit.NODE_LIMIT);
		assertThat(CompilerNodeLimit.nodeLimit(500_000)).isEqualTo(500_000);
	}

	/** The c2 line of the directive printed for the pattern. */
	private static String c2Directives(String printed, String pattern) {
		Matcher matcher = Pattern
			.compile("matching: " + Pattern.quote(pattern) + "\\n(?:.*\\n)*?\\s*c2 directives:\\n.*\\n(.*)\\n")
			.matcher(printed);
		assertThat(matcher.find()).as("a directive matching %s in:%n%s", pattern, printed).isTrue();
		return matcher.group(1);
	}

	/** A class whose name gives a pattern of its own. */
	private static final class NodeLimitProbe {

	}

}
