package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chicory's compiler warms up when the first module is compiled, not when the engine is
 * created (on the application's main thread, with nothing to compile when no worker is a
 * {@code .wasm} module); checked in a JVM of its own, where nothing compiled before.
 */
class CompilerWarmUpTests {

	@Test
	void warmsUpOnTheFirstCompileNotWhenTheEngineIsCreated() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				CompilerWarmUpProbe.class.getName())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

		assertThat(process.waitFor()).as(output).isZero();
		assertThat(output.lines().filter((line) -> line.contains(": ")).toList()).as(output)
			.isEqualTo(List.of("created: false", "compiled: true"));
	}

}
