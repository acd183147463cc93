package dev.wasmworkers.worker;

import java.util.List;
import java.util.Optional;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.MountedFolder;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.http.OutboundHttp;
import org.jspecify.annotations.Nullable;

/**
 * One worker of the project: its source file and route, and either its compiled program
 * or why it cannot run.
 */
public final class Worker {

	private final WorkerSource source;

	private final WorkerConfig config;

	private final @Nullable WasmProgram program;

	private final List<MountedFolder> mounts;

	private final OutboundHttp outboundHttp;

	private final @Nullable String failure;

	private final @Nullable String newVersionFailure;

	private Worker(WorkerSource source, WorkerConfig config, @Nullable WasmProgram program, List<MountedFolder> mounts,
			OutboundHttp outboundHttp, @Nullable String failure, @Nullable String newVersionFailure) {
		this.source = source;
		this.config = config;
		this.program = program;
		this.mounts = List.copyOf(mounts);
		this.outboundHttp = outboundHttp;
		this.failure = failure;
		this.newVersionFailure = newVersionFailure;
	}

	/**
	 * A worker that is ready to serve requests.
	 * @param source where the worker was found
	 * @param config its configuration
	 * @param program its compiled module
	 * @param mounts the folders mounted into each of its runs
	 * @return the worker
	 */
	public static Worker served(WorkerSource source, WorkerConfig config, WasmProgram program,
			List<MountedFolder> mounts) {
		return served(source, config, program, mounts, OutboundHttp.none());
	}

	/**
	 * A worker that is ready to serve requests and may send outbound requests.
	 * @param source where the worker was found
	 * @param config its configuration
	 * @param program its compiled module
	 * @param mounts the folders mounted into each of its runs
	 * @param outboundHttp sends its outbound requests under its allow-list
	 * @return the worker
	 */
	public static Worker served(WorkerSource source, WorkerConfig config, WasmProgram program,
			List<MountedFolder> mounts, OutboundHttp outboundHttp) {
		return new Worker(source, config, program, mounts, outboundHttp, null, null);
	}

	/**
	 * A worker that cannot run; its route answers the error page.
	 * @param source where the worker was found
	 * @param config its configuration, or the empty one when the configuration itself
	 * failed
	 * @param reason why it cannot run
	 * @return the worker
	 */
	public static Worker failed(WorkerSource source, WorkerConfig config, String reason) {
		return new Worker(source, config, null, List.of(), OutboundHttp.none(), reason, null);
	}

	/**
	 * This worker, still served as it is, once a newer version of its files failed to
	 * load.
	 * @param reason why the newer version failed
	 * @return the same worker, with the reason
	 * @throws IllegalStateException when this worker is not served
	 */
	public Worker withNewVersionFailure(String reason) {
		if (this.program == null) {
			throw new IllegalStateException("Worker " + name() + " is not served, so it has no version to keep");
		}
		return new Worker(this.source, this.config, this.program, this.mounts, this.outboundHttp, null, reason);
	}

	/**
	 * The worker's identity in logs: its path relative to the project folder.
	 * @return the relative file path, with {@code /} separators
	 */
	public String name() {
		return this.source.relativePath();
	}

	/**
	 * Where the worker was found.
	 * @return the source
	 */
	public WorkerSource source() {
		return this.source;
	}

	/**
	 * The worker's configuration from its TOML file.
	 * @return the configuration, empty when there is no file
	 */
	public WorkerConfig config() {
		return this.config;
	}

	/**
	 * The folders mounted into each run of the worker.
	 * @return the mounts, empty for a failed worker
	 */
	public List<MountedFolder> mounts() {
		return this.mounts;
	}

	/**
	 * Sends the worker's outbound requests under the allow-list of its
	 * {@code [features.http_requests]} table.
	 * @return the worker's outbound HTTP; one that refuses every request for a failed
	 * worker
	 */
	public OutboundHttp outboundHttp() {
		return this.outboundHttp;
	}

	/**
	 * The route the worker answers.
	 * @return the route
	 */
	public WorkerRoute route() {
		return this.source.route();
	}

	/**
	 * The compiled module, present when the worker is served.
	 * @return the program, or empty for a failed worker
	 */
	public Optional<WasmProgram> program() {
		return Optional.ofNullable(this.program);
	}

	/**
	 * Why the worker cannot run, present when it failed to load.
	 * @return the reason, or empty for a served worker
	 */
	public Optional<String> failure() {
		return Optional.ofNullable(this.failure);
	}

	/**
	 * Why the newest version of the worker's files failed to load, present when the
	 * worker still serves its previous version.
	 * @return the reason, or empty
	 */
	public Optional<String> newVersionFailure() {
		return Optional.ofNullable(this.newVersionFailure);
	}

	/**
	 * What is wrong with the worker, for reports: why it cannot run, or that it serves
	 * its previous version and why the new one failed.
	 * @return the problem, or empty when the worker serves its newest files
	 */
	public Optional<String> problem() {
		if (this.newVersionFailure != null) {
			return Optional.of("serving the previous version; the new one failed: " + this.newVersionFailure);
		}
		return failure();
	}

	@Override
	public String toString() {
		return name() + " -> " + route().path() + ((this.failure != null) ? " (failed: " + this.failure + ")"
				: problem().map((problem) -> " (" + problem + ")").orElse(""));
	}

}
