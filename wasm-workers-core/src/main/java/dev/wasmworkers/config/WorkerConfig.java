package dev.wasmworkers.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.wasmworkers.kv.OnConflict;

/**
 * A worker's configuration from its TOML file (wws §4).
 *
 * <p>
 * Unlike wws, which ignores the whole file when {@code version} is missing or not a
 * string, the version here is only metadata: a file without one, or with a number, is
 * used as written.
 *
 * @param name the worker's name for logs and the management API, when the file sets one
 * @param version the file's {@code version} as text, when it is a string or a number
 * @param vars the worker's environment variables in file order, with {@code $NAME} values
 * already taken from the host environment
 * @param kvNamespace the namespace of the key/value store the worker reads and writes,
 * when it has one
 * @param folders the host folders mounted into the worker, in file order
 * @param limits the worker's own limits, each overriding the server-wide value
 * @param httpRequests what the worker may request through outbound HTTP
 * @param kvOnConflict what the worker's runs do when its namespace changed during the run
 * ({@code on_conflict} of {@code [data.kv]}), when the file sets it
 */
public record WorkerConfig(Optional<String> name, Optional<String> version, Map<String, String> vars,
		Optional<String> kvNamespace, List<FolderMount> folders, WorkerLimits limits, HttpRequests httpRequests,
		Optional<OnConflict> kvOnConflict) {

	/** Creates a configuration, keeping immutable copies of the variables and folders. */
	public WorkerConfig {
		vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
		folders = List.copyOf(folders);
		Objects.requireNonNull(httpRequests, "httpRequests");
		Objects.requireNonNull(kvOnConflict, "kvOnConflict");
	}

	/**
	 * Creates a configuration without {@code on_conflict}: the server-wide default
	 * applies.
	 * @param name the worker's name
	 * @param version the file's version
	 * @param vars the worker's environment variables
	 * @param kvNamespace the worker's KV namespace
	 * @param folders the mounted folders
	 * @param limits the worker's own limits
	 * @param httpRequests what the worker may request through outbound HTTP
	 */
	public WorkerConfig(Optional<String> name, Optional<String> version, Map<String, String> vars,
			Optional<String> kvNamespace, List<FolderMount> folders, WorkerLimits limits, HttpRequests httpRequests) {
		this(name, version, vars, kvNamespace, folders, limits, httpRequests, Optional.empty());
	}

	/**
	 * Creates a configuration without {@code [features.http_requests]}: the worker may
	 * not send any request.
	 * @param name the worker's name
	 * @param version the file's version
	 * @param vars the worker's environment variables
	 * @param kvNamespace the worker's KV namespace
	 * @param folders the mounted folders
	 * @param limits the worker's own limits
	 */
	public WorkerConfig(Optional<String> name, Optional<String> version, Map<String, String> vars,
			Optional<String> kvNamespace, List<FolderMount> folders, WorkerLimits limits) {
		this(name, version, vars, kvNamespace, folders, limits, HttpRequests.defaults());
	}

	/**
	 * The configuration of a worker without a file: no name, vars, namespace, folders,
	 * limits or allowed hosts.
	 */
	public static WorkerConfig empty() {
		return new WorkerConfig(Optional.empty(), Optional.empty(), Map.of(), Optional.empty(), List.of(),
				WorkerLimits.none());
	}

}
