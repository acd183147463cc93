package dev.wasmworkers.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.InvalidWorkerOutputException;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.protocol.WorkerReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker for one request on the bounded executor and turns its output into the
 * HTTP reply.
 */
public final class WorkerInvoker {

	private static final Logger logger = LoggerFactory.getLogger(WorkerInvoker.class);

	private final WorkerExecutor executor;

	private final WorkerProtocol protocol;

	private final RunLimits limits;

	/**
	 * Creates an invoker.
	 * @param executor the bounded executor runs happen on
	 * @param protocol the codec of the worker protocol
	 * @param limits the limits of every run
	 */
	public WorkerInvoker(WorkerExecutor executor, WorkerProtocol protocol, RunLimits limits) {
		this.executor = executor;
		this.protocol = protocol;
		this.limits = limits;
	}

	/**
	 * Runs the worker once. The future completes with the reply (the wws error page for
	 * any failed run), or fails with {@code WorkerRejectedException} when the executor
	 * queue is full and with {@code WorkerTimeoutException} when the run passes its
	 * deadline. Cancelling the future stops the run.
	 * @param worker the worker to run
	 * @param input the request
	 * @return the reply to send
	 */
	public CompletableFuture<HttpReply> invoke(Worker worker, WorkerInput input) {
		if (worker.program().isEmpty()) {
			return CompletableFuture.completedFuture(HttpReply.errorPage());
		}
		WasmProgram program = worker.program().get();
		RunRequest request = new RunRequest(this.protocol.encode(input), Map.of(), List.of(), this.limits.stdoutLimit(),
				this.limits.stderrLimit(), this.limits.maxMemoryPages(), List.of());
		CompletableFuture<RunResult> run = this.executor.submit(() -> program.run(request), this.limits.timeout());
		CompletableFuture<HttpReply> reply = run.thenApply((result) -> reply(worker, result));
		reply.whenComplete((value, failure) -> {
			if (reply.isCancelled()) {
				run.cancel(true);
			}
		});
		return reply;
	}

	private HttpReply reply(Worker worker, RunResult result) {
		logStderr(worker, result.stderr());
		if (!result.succeeded()) {
			return failed(worker, result.detail());
		}
		try {
			return WorkerReplies.from(this.protocol.decode(result.stdout()));
		}
		catch (InvalidWorkerOutputException ex) {
			return failed(worker, "invalid output: " + ex.getMessage());
		}
	}

	private static HttpReply failed(Worker worker, String reason) {
		logger.warn("Error running worker {} at route {}: {}", worker.name(), worker.route().path(), reason);
		return HttpReply.errorPage();
	}

	private static void logStderr(Worker worker, byte[] stderr) {
		if (stderr.length == 0) {
			return;
		}
		Logger workerLogger = LoggerFactory.getLogger("wasm.worker." + worker.name());
		new String(stderr, StandardCharsets.UTF_8).lines().forEach(workerLogger::info);
	}

}
