package dev.wasmworkers.observation;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.worker.InvocationOutcome;
import dev.wasmworkers.worker.Worker;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Observation.Context} of one worker invocation: the worker, its request and,
 * once it ended, its outcome and reply.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public class WasmWorkerInvocationContext extends Observation.Context {

	private final Worker worker;

	private final WorkerInput input;

	private @Nullable InvocationOutcome outcome;

	private @Nullable HttpReply reply;

	/**
	 * Creates the context of one invocation.
	 * @param worker the worker being run
	 * @param input the request it runs for
	 */
	public WasmWorkerInvocationContext(Worker worker, WorkerInput input) {
		this.worker = worker;
		this.input = input;
	}

	/**
	 * The worker being run.
	 * @return the worker
	 */
	public Worker getWorker() {
		return this.worker;
	}

	/**
	 * The request the worker runs for, without its KV snapshot.
	 * @return the worker input
	 */
	public WorkerInput getInput() {
		return this.input;
	}

	/**
	 * How the invocation ended.
	 * @return the outcome, or {@code null} while it runs
	 */
	public @Nullable InvocationOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Sets how the invocation ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(@Nullable InvocationOutcome outcome) {
		this.outcome = outcome;
	}

	/**
	 * The reply the invocation answered.
	 * @return the reply, or {@code null} while it runs and when it timed out, was
	 * rejected or was cancelled
	 */
	public @Nullable HttpReply getReply() {
		return this.reply;
	}

	/**
	 * Sets the reply the invocation answered.
	 * @param reply the reply
	 */
	public void setReply(@Nullable HttpReply reply) {
		this.reply = reply;
	}

}
