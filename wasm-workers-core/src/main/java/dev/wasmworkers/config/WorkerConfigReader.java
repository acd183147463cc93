package dev.wasmworkers.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Reads the TOML file beside a worker.
 *
 * <p>
 * Unknown keys and tables are ignored, as in wws. Unlike wws, which ignores a file it
 * cannot read and runs the worker with defaults, a file that is not valid TOML or has a
 * value of the wrong type is refused with a {@link WorkerConfigException}; and unlike
 * wws, a missing or non-string {@code version} does not make the whole file ignored (see
 * {@link WorkerConfig}).
 */
public final class WorkerConfigReader {

	private final Function<String, @Nullable String> environment;

	private final @Nullable PackagedFolder packaged;

	/**
	 * Creates a reader that takes {@code $NAME} values of {@code [vars]} from the given
	 * host environment.
	 * @param environment looks up a host environment variable by name, such as
	 * {@code System::getenv}; returns {@code null} when it is not set
	 */
	public WorkerConfigReader(Function<String, @Nullable String> environment) {
		this(environment, null);
	}

	private WorkerConfigReader(Function<String, @Nullable String> environment, @Nullable PackagedFolder packaged) {
		this.environment = environment;
		this.packaged = packaged;
	}

	/**
	 * A reader for workers copied out of an application archive: a {@code [[folders]]}
	 * entry whose {@code from} lies inside the copy is refused, since the packaged files
	 * are not a folder a worker can be given.
	 * @param copy the folder the packaged workers were copied to
	 * @param location where they are packaged, such as {@code classpath:workers}, for the
	 * message
	 * @return the reader
	 */
	public WorkerConfigReader refusingMountsIn(Path copy, String location) {
		return new WorkerConfigReader(this.environment,
				new PackagedFolder(copy.toAbsolutePath().normalize(), location));
	}

	/**
	 * The config file of a worker: same folder, same name with the extension replaced by
	 * .toml ("[id].wasm" -> "[id].toml", "index.js" -> "index.toml").
	 */
	public static Path configFileOf(Path workerFile) {
		String name = workerFile.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return workerFile.resolveSibling(((dot > 0) ? name.substring(0, dot) : name) + ".toml");
	}

	/**
	 * Reads the worker's config; WorkerConfig.empty() when there is no file.
	 * @throws WorkerConfigException when the file cannot be read, is not valid TOML, or
	 * has a value that cannot be used, naming the line when it is known
	 */
	public WorkerConfig read(Path workerFile) throws WorkerConfigException {
		Path file = configFileOf(workerFile);
		if (!Files.exists(file)) {
			return WorkerConfig.empty();
		}
		ConfigTable root = ConfigTable.read(file);
		return new WorkerConfig(root.string("name"), root.stringOrNumber("version"), vars(root), kvNamespace(root),
				FolderMounts.of(root.tables("folders"), file.toAbsolutePath().getParent(), this.packaged),
				LimitsTable.of(root), HttpRequestsTable.of(root));
	}

	private Map<String, String> vars(ConfigTable root) throws WorkerConfigException {
		Optional<ConfigTable> table = root.table("vars");
		Map<String, String> vars = table.isPresent() ? table.get().strings() : new LinkedHashMap<>();
		vars.replaceAll((name, value) -> hostValue(value));
		return vars;
	}

	/**
	 * The value itself, or, for a value that starts with {@code $} and has no space, the
	 * host environment variable named by the rest, or "" when it is not set (as in wws;
	 * so {@code "$"} alone becomes "").
	 */
	private String hostValue(String value) {
		if (!value.startsWith("$") || value.contains(" ")) {
			return value;
		}
		String hostValue = this.environment.apply(value.substring(1));
		return (hostValue != null) ? hostValue : "";
	}

	private Optional<String> kvNamespace(ConfigTable root) throws WorkerConfigException {
		Optional<ConfigTable> kv = root.table("data", "kv");
		if (kv.isEmpty()) {
			return Optional.empty();
		}
		String namespace = kv.get().requiredString("namespace");
		if (namespace.isEmpty()) {
			throw kv.get().problem("namespace", "must not be empty");
		}
		return Optional.of(namespace);
	}

}
