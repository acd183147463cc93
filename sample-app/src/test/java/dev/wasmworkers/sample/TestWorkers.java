package dev.wasmworkers.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies the test workers of {@code sample-app/test-workers} into a test's project. */
final class TestWorkers {

	private TestWorkers() {
	}

	/**
	 * Copies {@code <worker>.wasm} into the project as {@code <name>.wasm}, with a TOML
	 * file of the given content.
	 * @param worker the test worker's name
	 * @param project the project folder
	 * @param name the name it is served under
	 * @param toml the content of its {@code <name>.toml}
	 * @throws IOException when a file cannot be written
	 */
	static void copy(String worker, Path project, String name, String toml) throws IOException {
		Files.copy(Path.of("test-workers", worker + ".wasm"), project.resolve(name + ".wasm"));
		Files.writeString(project.resolve(name + ".toml"), toml);
	}

}
