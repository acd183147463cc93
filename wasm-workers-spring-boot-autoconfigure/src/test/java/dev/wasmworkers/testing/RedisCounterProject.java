package dev.wasmworkers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project folder for the Redis KV store tests: the C counter worker
 * ({@code workers/c/counter.c}) at {@code /counter} with the namespace {@code counter},
 * and a worker without a namespace at {@code /hello}.
 */
public final class RedisCounterProject {

	private RedisCounterProject() {
	}

	/**
	 * Writes the project in a new temporary folder.
	 * @return the folder
	 */
	public static Path create() {
		try {
			Path root = Files.createTempDirectory("wasm-workers-redis").toAbsolutePath().normalize();
			Files.copy(Path.of("../sample-app/workers/counter.wasm"), root.resolve("counter.wasm"));
			Files.writeString(root.resolve("counter.toml"), """
					[data.kv]
					namespace = "counter"
					""");
			WatWorkers.write(root, "hello.wasm", WatWorkers.answering("hello"));
			return root;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
