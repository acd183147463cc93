package dev.wasmworkers.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No guest can make a host call run short of stack (issue 11, point 2): after a worker
 * made 1,000 host calls of each kind from depths just short of its stack's end, starting
 * with the JVM's first outbound request, another worker's outbound request and file work
 * still succeed.
 *
 * <p>
 * The attack ({@link DeepRecursionAttack}) runs in a JVM of its own: in this one other
 * tests have sent requests already, and the first request of a JVM, which loads the HTTP
 * client's classes, is the one that must not be broken.
 */
class HostCallStackTests {

	private static final String TRAP = DeepRecursionAttack.STACK_EXHAUSTED;

	@TempDir
	Path mount;

	@Test
	@Timeout(value = 10, unit = TimeUnit.MINUTES)
	void hostCallsAtEveryDepthNearTheStackLimitBreakNothing() throws Exception {
		Map<String, String> lines = attack();
		System.out.println(lines);

		assertThat(Integer.parseInt(lines.get("deepest"))).isGreaterThan(1000);
		assertOnly(lines.get("fetch"), "fetched 200");
		assertOnly(lines.get("file"), "file ok");
		assertOnly(lines.get("write"), "written");
		assertThat(lines.get("fetch")).as("the calls went from too deep to deep enough").contains(TRAP);
		assertThat(lines.get("file")).as("the calls went from too deep to deep enough").contains(TRAP);
		assertThat(lines.get("healthy fetch")).startsWith("{\"status\":200,");
		assertThat(lines.get("shallow file")).isEqualTo("file ok");
	}

	/** Every run either did the call or trapped, and some did the call. */
	private static void assertOnly(String outcomes, String success) {
		assertThat(outcomes).contains(success + "=");
		assertThat(outcomes.replace(success, "").replace(TRAP, "")).matches("\\{=\\d+(, =\\d+)?\\}");
	}

	private Map<String, String> attack() throws IOException, InterruptedException {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:-DontCompileHugeMethods", "-cp",
				System.getProperty("java.class.path"), DeepRecursionAttack.class.getName(),
				Path.of("../sample-app/test-workers").toAbsolutePath().toString(), this.mount.toString()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		Map<String, String> lines = new LinkedHashMap<>();
		for (String line : output.split("\n")) {
			int colon = line.indexOf(": ");
			if (colon > 0) {
				lines.put(line.substring(0, colon), line.substring(colon + 2));
			}
		}
		assertThat(lines).as(output).containsKeys("deepest", "fetch", "file", "write", "healthy fetch", "shallow file");
		return lines;
	}

}
