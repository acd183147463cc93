package dev.wasmworkers.worker;

import java.util.Optional;

import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WasmProgram;
import org.jspecify.annotations.Nullable;

/**
 * One worker of the project: its source file and route, and either its compiled program
 * or why it cannot run.
 */
public final class Worker {

	private final WorkerSource source;

	private final @Nullable WasmProgram program;

	private final @Nullable String failure;

	private Worker(WorkerSource source, @Nullable WasmProgram program, @Nullable String failure) {
		this.source = source;
		this.program = program;
		this.failure = failure;
	}

	/**
	 * A worker that is ready to serve requests.
	 * @param source where the worker was found
	 * @param program its compiled module
	 * @return the worker
	 */
	public static Worker served(WorkerSource source, WasmProgram program) {
		return new Worker(source, program, null);
	}

	/**
	 * A worker that cannot run; its route answers the error page.
	 * @param source where the worker was found
	 * @param reason why it cannot run
	 * @return the worker
	 */
	public static Worker failed(WorkerSource source, String reason) {
		return new Worker(source, null, reason);
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

	@Override
	public String toString() {
		return name() + " -> " + route().path() + ((this.failure != null) ? " (failed: " + this.failure + ")" : "");
	}

}
