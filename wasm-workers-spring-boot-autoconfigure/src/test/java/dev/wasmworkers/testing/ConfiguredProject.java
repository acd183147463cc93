package dev.wasmworkers.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A project folder for the Actuator and management API tests: a served worker, a worker
 * that cannot be compiled, a dynamic route, and a worker with a TOML file setting its
 * name, version, variables, KV namespace and a mounted folder.
 */
public final class ConfiguredProject {

	/** The value of the configured worker's {@code SECRET_TOKEN} variable. */
	public static final String SECRET_VALUE = "var-value-never-shown";

	/** The value of the configured worker's {@code GREETING} variable. */
	public static final String GREETING_VALUE = "greeting-var-value";

	/** The KV namespace of the configured worker. */
	public static final String NAMESPACE = "cache";

	/** The value the configured worker stores under the key {@code motto}. */
	public static final String MOTTO = "héllo wörld";

	/** The body of the project's {@code public/404.html}. */
	public static final String NOT_FOUND_PAGE = "Nothing here";

	private final Path root;

	private final Path mountedFolder;

	private ConfiguredProject(Path root, Path mountedFolder) {
		this.root = root;
		this.mountedFolder = mountedFolder;
	}

	/**
	 * Writes the project in a new temporary folder.
	 * <ul>
	 * <li>{@code hello.wasm}: served at {@code /hello}, answers {@code hello};</li>
	 * <li>{@code broken.wasm}: not a module, so it fails;</li>
	 * <li>{@code users/[id].wasm}: served at {@code /users/[id]};</li>
	 * <li>{@code configured.wasm} and {@code configured.toml}: named {@code configured},
	 * version {@code 2.1.0}, variables {@code GREETING} and {@code SECRET_TOKEN},
	 * namespace {@code cache}, and a folder mounted at {@code /data}; each run stores
	 * {@code visits=1} and {@code motto=héllo wörld};</li>
	 * <li>{@code public/404.html}.</li>
	 * </ul>
	 * @param catchAll whether to add {@code [...all].wasm}, a root catch-all worker
	 * answering {@code catch-all}
	 * @return the project
	 */
	public static ConfiguredProject create(boolean catchAll) {
		try {
			Path root = Files.createTempDirectory("wasm-workers-actuator").toAbsolutePath().normalize();
			Path mounted = Files.createTempDirectory("wasm-workers-mounted").toAbsolutePath().normalize();
			WatWorkers.write(root, "hello.wasm", WatWorkers.answering("hello"));
			WatWorkers.writeBytes(root, "broken.wasm", "not a module".getBytes(StandardCharsets.UTF_8));
			WatWorkers.write(root, "users/[id].wasm", WatWorkers.answering("user"));
			WatWorkers.write(root, "configured.wasm", WatWorkers.printing("{\"data\":\"configured\",\"headers\":{},"
					+ "\"status\":200,\"kv\":{\"visits\":\"1\",\"motto\":\"" + MOTTO + "\"}}"));
			Files.writeString(root.resolve("configured.toml"), """
					name = "configured"
					version = "2.1.0"

					[vars]
					GREETING = "%s"
					SECRET_TOKEN = "%s"

					[data.kv]
					namespace = "%s"

					[[folders]]
					from = "%s"
					to = "/data"
					""".formatted(GREETING_VALUE, SECRET_VALUE, NAMESPACE, mounted));
			if (catchAll) {
				WatWorkers.write(root, "[...all].wasm", WatWorkers.answering("catch-all"));
			}
			Files.createDirectories(root.resolve("public"));
			Files.writeString(root.resolve("public/404.html"), NOT_FOUND_PAGE);
			return new ConfiguredProject(root, mounted);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The project folder.
	 * @return the absolute, normalised folder
	 */
	public Path root() {
		return this.root;
	}

	/**
	 * The host folder the configured worker mounts at {@code /data}.
	 * @return the absolute, normalised folder
	 */
	public Path mountedFolder() {
		return this.mountedFolder;
	}

}
