package dev.wasmworkers.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The folder the sample app serves during the load test: a copy of the chosen workers
 * folder, plus {@code heap-bomb.wasm} when it can be made.
 */
final class LoadTestWorkers {

	private static final String MEMORY_BOMB = "memory-bomb.wasm";

	private LoadTestWorkers() {
	}

	/**
	 * Copies the workers (files at the top of the folder) into {@code target}, and adds
	 * {@code heap-bomb.wasm}, a copy of {@code huge-memory.wasm} (937.5 MiB of initial
	 * memory) with a TOML file raising its own memory cap to 1GB, so that each of its
	 * runs asks the server's heap for more than it has.
	 * @return the folder to serve
	 */
	static Path prepare(Path workers, Path target) throws IOException {
		if (!Files.isDirectory(workers)) {
			throw new IOException("No workers folder at " + workers.toAbsolutePath());
		}
		Files.createDirectories(target);
		try (Stream<Path> files = Files.list(workers)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.copy(file, target.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		if (Files.isRegularFile(workers.resolve(MEMORY_BOMB))) {
			Files.copy(workers.resolve(MEMORY_BOMB), target.resolve("heap-bomb.wasm"),
					StandardCopyOption.REPLACE_EXISTING);
			Files.writeString(target.resolve("heap-bomb.toml"), "[limits]\nmax_memory = \"1GB\"\n");
		}
		return target;
	}

}
