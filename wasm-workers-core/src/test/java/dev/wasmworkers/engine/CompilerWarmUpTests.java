package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chicory's compiler warms up before the first module is compiled, not when the engine is
 * created (on the application's main thread, with nothing to compile when no worker is a
 * {@code .wasm} module), nor when every module comes from the compile cache, not even
 * when such a module first runs; checked in JVMs of their own, where nothing compiled
 * before.
 */
class CompilerWarmUpTests {

	@TempDir
	Path cache;

	@Test
	void warmsUpBeforeTheFirstCompileOnly() throws Exception {
		assertThat(probe()).isEqualTo(List.of("created: false", "loaded: true", "ran: true", "wrote: ok"));
		assertThat(probe()).isEqualTo(List.of("created: false", "loaded: false", "ran: false", "wrote: ok"));
	}

	private List<String> probe() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				CompilerWarmUpProbe.class.getName(), this.cache.toString())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output.lines().filter((line) -> line.contains(": ")).toList();
	}

}
