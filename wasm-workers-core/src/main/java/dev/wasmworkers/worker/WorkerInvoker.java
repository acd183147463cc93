package dev.wasmworkers.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimitExceededException;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.InvalidWorkerOutputException;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerOutput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.protocol.WorkerReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker for one request on the bounded executor: reads its KV snapshot, runs it
 * with its variables and mounts, writes its KV changes back and turns its output into the
 * HTTP reply.
 */
public final class WorkerInvoker {

	/** Status of a reply whose KV changes were refused by a namespace limit. */
	public static final int KV_LIMIT_STATUS = 507;

	private static final Logger logger = LoggerFactory.getLogger(WorkerInvoker.class);

	private final WorkerExecutor executor;

	private final WorkerProtocol protocol;

	private final KvStore kvStore;

	private final RunLimits limits;

	private final WorkerGates gates;

	/**
	 * Creates an invoker.
	 * @param executor the bounded executor runs happen on
	 * @param protocol the codec of the worker protocol
	 * @param kvStore the store of the workers' KV namespaces
	 * @param limits the server-wide limits of every run
	 * @param gates the per-worker concurrency limits
	 */
	public WorkerInvoker(WorkerExecutor executor, WorkerProtocol protocol, KvStore kvStore, RunLimits limits,
			WorkerGates gates) {
		this.executor = executor;
		this.protocol = protocol;
		this.kvStore = kvStore;
		this.limits = limits;
		this.gates = gates;
	}

	/**
	 * Runs the worker once, when its gate and then the executor have a place. The future
	 * completes with the reply (the wws error page for any failed run), or fails with
	 * {@code WorkerRejectedException} when the worker's queue or the executor's queue is
	 * full and with {@code WorkerTimeoutException} when the run passes its deadline. The
	 * deadline covers the KV reads and writes too. Cancelling the future stops the run.
	 * @param worker the worker to run
	 * @param input the request, without its KV snapshot
	 * @return the reply to send
	 */
	public CompletableFuture<HttpReply> invoke(Worker worker, WorkerInput input) {
		Optional<WasmProgram> program = worker.program();
		if (program.isEmpty()) {
			return CompletableFuture.completedFuture(HttpReply.errorPage());
		}
		RunLimits runLimits = this.limits.overriddenBy(worker.config().limits());
		return this.gates.of(worker)
			.run(() -> this.executor.submit(() -> execute(worker, program.get(), input, runLimits),
					runLimits.timeout()));
	}

	private HttpReply execute(Worker worker, WasmProgram program, WorkerInput input, RunLimits runLimits)
			throws InterruptedException {
		try {
			return runWithKv(worker, program, input, runLimits);
		}
		catch (RuntimeException ex) {
			return failed(worker, ex.toString());
		}
	}

	private HttpReply runWithKv(Worker worker, WasmProgram program, WorkerInput input, RunLimits runLimits)
			throws InterruptedException {
		Optional<String> namespace = worker.config().kvNamespace();
		Map<String, String> snapshot = (namespace.isPresent()) ? KvCalls.await(this.kvStore.snapshot(namespace.get()))
				: Map.of();
		RunResult result = program.run(new RunRequest(this.protocol.encode(input.withKv(snapshot)),
				worker.config().vars(), List.of(), runLimits.stdoutLimit(), runLimits.stderrLimit(),
				runLimits.maxMemoryPages(), worker.mounts(), worker.outboundHttp()));
		logStderr(worker, result.stderr());
		if (!result.succeeded()) {
			return failed(worker, result.detail());
		}
		WorkerOutput output;
		try {
			output = this.protocol.decode(result.stdout());
		}
		catch (InvalidWorkerOutputException ex) {
			return failed(worker, "invalid output: " + ex.getMessage());
		}
		if (namespace.isPresent()) {
			try {
				KvChange change = KvChange.between(snapshot, output.kv());
				if (!change.isEmpty()) {
					KvCalls.await(this.kvStore.apply(namespace.get(), change));
				}
			}
			catch (KvLimitExceededException ex) {
				logger.warn("Worker {} at route {}: its KV changes were refused: {}", worker.name(),
						worker.route().path(), ex.getMessage());
				return HttpReply.plainText(KV_LIMIT_STATUS, ex.getMessage());
			}
		}
		return WorkerReplies.from(output);
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
