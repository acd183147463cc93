package dev.wasmworkers.engine;

import java.util.Objects;

/**
 * The outcome of one run: status, exit code (0 unless EXITED_WITH_ERROR), captured stdout
 * and stderr (stderr truncated at its limit), and a short human-readable detail for
 * failures (e.g. "trap: out of bounds memory access", "proc_exit(3)", "interrupted").
 *
 * <p>
 * The arrays are not copied. For a run that stopped early, stdout holds what was written
 * up to that point, never more than the request's limit.
 *
 * @param status how the run ended
 * @param exitCode the {@code proc_exit} code for {@link RunStatus#EXITED_WITH_ERROR},
 * else 0
 * @param stdout everything the module wrote to stdout
 * @param stderr what the module wrote to stderr, up to the request's limit
 * @param detail why the run failed; empty for {@link RunStatus#COMPLETED}
 */
public record RunResult(RunStatus status, int exitCode, byte[] stdout, byte[] stderr, String detail) {

	/** Checks that no component is null. */
	public RunResult {
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(stdout, "stdout");
		Objects.requireNonNull(stderr, "stderr");
		Objects.requireNonNull(detail, "detail");
	}

	/** Whether the run completed normally, so that its stdout is the worker's answer. */
	public boolean succeeded() {
		return this.status == RunStatus.COMPLETED;
	}

	@Override
	public String toString() {
		return "RunResult[status=" + this.status + ", exitCode=" + this.exitCode + ", stdout=" + this.stdout.length
				+ " bytes, stderr=" + this.stderr.length + " bytes, detail=" + this.detail + "]";
	}

}
