package dev.wasmworkers.worker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.execution.WorkerRejectedException;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimitExceededException;
import dev.wasmworkers.kv.KvSnapshot;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.kv.KvStoreUnavailableException;
import dev.wasmworkers.kv.OnConflict;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.InvalidWorkerOutputException;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerOutput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.protocol.WorkerReplies;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one worker for one request on the bounded executor: reads its KV snapshot, runs it
 * with its variables and mounts, writes its KV changes back and turns its output into the
 * HTTP reply. A worker whose {@code on_conflict} is {@code retry} runs again on a fresh
 * snapshot, within the same deadline, when another run changed its namespace first. Its
 * {@link InvocationListener} hears how each invocation ended.
 */
public final class WorkerInvoker {

	private static final Logger logger = LoggerFactory.getLogger(WorkerInvoker.class);

	private final WorkerExecutor executor;

	private final WorkerProtocol protocol;

	private final KvStore kvStore;

	private final RunLimits limits;

	private final WorkerGates gates;

	private final InvocationListener listener;

	private final KvConflictSettings kvConflicts;

	/**
	 * Creates an invoker without a listener.
	 * @param executor the bounded executor runs happen on
	 * @param protocol the codec of the worker protocol
	 * @param kvStore the store of the workers' KV namespaces
	 * @param limits the server-wide limits of every run
	 * @param gates the per-worker concurrency limits
	 */
	public WorkerInvoker(WorkerExecutor executor, WorkerProtocol protocol, KvStore kvStore, RunLimits limits,
			WorkerGates gates) {
		this(executor, protocol, kvStore, limits, gates, InvocationListener.NONE);
	}

	/**
	 * Creates an invoker.
	 * @param executor the bounded executor runs happen on
	 * @param protocol the codec of the worker protocol
	 * @param kvStore the store of the workers' KV namespaces
	 * @param limits the server-wide limits of every run
	 * @param gates the per-worker concurrency limits
	 * @param listener hears about every invocation and how it ended
	 */
	public WorkerInvoker(WorkerExecutor executor, WorkerProtocol protocol, KvStore kvStore, RunLimits limits,
			WorkerGates gates, InvocationListener listener) {
		this(executor, protocol, kvStore, limits, gates, listener, KvConflictSettings.DEFAULTS);
	}

	/**
	 * Creates an invoker whose workers handle KV conflicts as configured.
	 * @param executor the bounded executor runs happen on
	 * @param protocol the codec of the worker protocol
	 * @param kvStore the store of the workers' KV namespaces
	 * @param limits the server-wide limits of every run
	 * @param gates the per-worker concurrency limits
	 * @param listener hears about every invocation and how it ended
	 * @param kvConflicts the default {@code on_conflict} and the bound of retries
	 */
	public WorkerInvoker(WorkerExecutor executor, WorkerProtocol protocol, KvStore kvStore, RunLimits limits,
			WorkerGates gates, InvocationListener listener, KvConflictSettings kvConflicts) {
		this.executor = executor;
		this.protocol = protocol;
		this.kvStore = kvStore;
		this.limits = limits;
		this.gates = gates;
		this.listener = listener;
		this.kvConflicts = kvConflicts;
	}

	/**
	 * Runs the worker once, when its gate and then the executor have a place. The future
	 * completes with the reply (the wws error page for any failed run, an {@link Error}
	 * such as {@link OutOfMemoryError} included), or fails with
	 * {@code WorkerRejectedException} when the worker's queue or the executor's queue is
	 * full or when the run is still waiting at its deadline, and with
	 * {@code WorkerTimeoutException} when the run passes its deadline. The deadline
	 * counts from this call, so it covers the time spent waiting for a place, and the KV
	 * reads and writes too. Cancelling the future stops the run. The listener hears how
	 * the invocation ended before the future completes (or, when the caller cancels it,
	 * just after).
	 * @param worker the worker to run
	 * @param input the request, without its KV snapshot
	 * @return the reply to send
	 */
	public CompletableFuture<HttpReply> invoke(Worker worker, WorkerInput input) {
		return invoke(worker, input, false);
	}

	/**
	 * Runs the worker once, as {@link #invoke} does, but on the calling thread when its
	 * gate and the executor have a place at once (see
	 * {@link WorkerExecutor#runOrSubmit}): this call then returns when the run has ended,
	 * with a completed future. For callers whose thread may block, such as a servlet
	 * container's.
	 * @param worker the worker to run
	 * @param input the request, without its KV snapshot
	 * @return the reply to send
	 */
	public CompletableFuture<HttpReply> invokeOnCallingThread(Worker worker, WorkerInput input) {
		return invoke(worker, input, true);
	}

	private CompletableFuture<HttpReply> invoke(Worker worker, WorkerInput input, boolean mayRunHere) {
		InvocationListener.Invocation invocation = this.listener.started(worker, input);
		Optional<WasmProgram> program = worker.program();
		if (program.isEmpty()) {
			Ran ran = new Ran(HttpReply.errorPage(), new WorkerRunFailedException(
					"Worker " + worker.name() + " failed to load: " + worker.failure().orElse("no program")));
			ended(invocation, ran, null);
			return CompletableFuture.completedFuture(ran.reply());
		}
		RunLimits runLimits = this.limits.overriddenBy(worker.config().limits());
		Callable<Ran> run = invocation.onRunThread(() -> execute(worker, program.get(), input, runLimits));
		CompletableFuture<Ran> running = (mayRunHere)
				? this.executor.runOrSubmit(worker.name(), run, this.gates.of(worker), runLimits.timeout())
				: this.executor.submit(worker.name(), run, this.gates.of(worker), runLimits.timeout());
		CompletableFuture<HttpReply> reply = new CompletableFuture<>();
		running.whenComplete((ran, failure) -> {
			Throwable cause = unwrap(failure);
			if (cause instanceof WorkerTimeoutException) {
				logger.warn("Worker {} at route {} {}", worker.name(), worker.route().path(), cause.getMessage());
			}
			ended(invocation, ran, cause);
			if (cause != null) {
				reply.completeExceptionally(cause);
			}
			else {
				reply.complete(ran.reply());
			}
		});
		reply.whenComplete((value, failure) -> {
			if (reply.isCancelled()) {
				running.cancel(true);
			}
		});
		return reply;
	}

	private static void ended(InvocationListener.Invocation invocation, @Nullable Ran ran,
			@Nullable Throwable failure) {
		try {
			if (failure != null) {
				invocation.ended(outcomeOf(failure), null, failure);
			}
			else if (ran != null) {
				invocation.ended((ran.failure() != null) ? InvocationOutcome.ERROR : InvocationOutcome.SUCCESS,
						ran.reply(), ran.failure());
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Invocation listener failed", ex);
		}
	}

	private static InvocationOutcome outcomeOf(Throwable failure) {
		if (failure instanceof WorkerTimeoutException) {
			return InvocationOutcome.TIMEOUT;
		}
		if (failure instanceof WorkerRejectedException) {
			return InvocationOutcome.REJECTED;
		}
		if (failure instanceof CancellationException) {
			return InvocationOutcome.CANCELLED;
		}
		return InvocationOutcome.ERROR;
	}

	private static @Nullable Throwable unwrap(@Nullable Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private Ran execute(Worker worker, WasmProgram program, WorkerInput input, RunLimits runLimits)
			throws InterruptedException {
		try {
			return runWithKv(worker, program, input, runLimits);
		}
		catch (RuntimeException | Error ex) {
			return failed(worker, ex.toString());
		}
	}

	private Ran runWithKv(Worker worker, WasmProgram program, WorkerInput input, RunLimits runLimits)
			throws InterruptedException {
		Optional<String> namespace = worker.config().kvNamespace();
		boolean retry = namespace.isPresent() && this.kvConflicts.of(worker.config()) == OnConflict.RETRY;
		try {
			for (int retries = 0;; retries++) {
				Optional<Ran> ran = runOnce(worker, program, input, runLimits, namespace, retry);
				if (ran.isPresent()) {
					return ran.get();
				}
				if (retries == this.kvConflicts.maxRetries()) {
					return conflicted(worker, namespace.get(), retries + 1);
				}
				logger.debug("Worker {}: KV namespace '{}' changed during its run, running it again", worker.name(),
						namespace.get());
			}
		}
		catch (KvStoreUnavailableException ex) {
			logger.debug("Worker {} at route {} not run or not stored: {}", worker.name(), worker.route().path(),
					ex.getMessage());
			return new Ran(HttpReply.kvUnavailable("KV store unavailable, retry later: " + ex.getMessage()), ex);
		}
	}

	/**
	 * Runs the worker once on a fresh snapshot and writes its changes back.
	 * @return the run, or empty when {@code retry} is set and another run changed the
	 * namespace since the snapshot, in which case nothing was written
	 */
	private Optional<Ran> runOnce(Worker worker, WasmProgram program, WorkerInput input, RunLimits runLimits,
			Optional<String> namespace, boolean retry) throws InterruptedException {
		KvSnapshot snapshot = (namespace.isPresent()) ? KvCalls.await(this.kvStore.versionedSnapshot(namespace.get()))
				: KvSnapshot.EMPTY;
		RunResult result = program
			.run(new RunRequest(this.protocol.encode(input.withKv(snapshot.entries())), worker.config().vars(),
					List.of(), runLimits.stdoutLimit(), runLimits.stderrLimit(), runLimits.maxMemoryPages(),
					worker.mounts(), worker.outboundHttp(), runLimits.maxOpenFiles(), runLimits.maxDiskWrite()));
		logStderr(worker, result.stderr());
		if (!result.succeeded()) {
			return Optional.of(failed(worker, result.detail()));
		}
		WorkerOutput output;
		try {
			output = this.protocol.decode(result.stdout());
		}
		catch (InvalidWorkerOutputException ex) {
			return Optional.of(failed(worker, "invalid output: " + ex.getMessage()));
		}
		if (namespace.isPresent()) {
			try {
				KvChange change = KvChange.between(snapshot.entries(), output.kv());
				if (retry
						&& !KvCalls.await(this.kvStore.applyIfUnchanged(namespace.get(), change, snapshot.version()))) {
					return Optional.empty();
				}
				if (!retry && !change.isEmpty()) {
					KvCalls.await(this.kvStore.apply(namespace.get(), change));
				}
			}
			catch (KvLimitExceededException ex) {
				logger.warn("Worker {} at route {}: its KV changes were refused: {}", worker.name(),
						worker.route().path(), ex.getMessage());
				return Optional.of(new Ran(HttpReply.kvLimitExceeded(ex.getMessage()), ex));
			}
		}
		try {
			return Optional.of(new Ran(WorkerReplies.decode(output), null));
		}
		catch (InvalidWorkerOutputException ex) {
			logger.warn("Error running worker {} at route {}: invalid output: {}", worker.name(), worker.route().path(),
					ex.getMessage());
			return Optional.of(new Ran(HttpReply.badBase64(), new WorkerRunFailedException(
					"Worker " + worker.name() + " wrote invalid output: " + ex.getMessage())));
		}
	}

	private static Ran conflicted(Worker worker, String namespace, int runs) {
		String reason = "KV namespace '" + namespace + "' was changed by another request during each of the " + runs
				+ " runs of this one (on_conflict = \"retry\", wasm.workers.kv.max-retries): nothing was changed";
		logger.warn("Worker {} at route {}: {}", worker.name(), worker.route().path(), reason);
		return new Ran(HttpReply.kvConflict(reason),
				new WorkerRunFailedException("Worker " + worker.name() + ": " + reason));
	}

	private static Ran failed(Worker worker, String reason) {
		logger.warn("Error running worker {} at route {}: {}", worker.name(), worker.route().path(), reason);
		return new Ran(HttpReply.errorPage(), new WorkerRunFailedException("Worker " + worker.name() + ": " + reason));
	}

	private static void logStderr(Worker worker, byte[] stderr) {
		if (stderr.length == 0) {
			return;
		}
		Logger workerLogger = LoggerFactory.getLogger("wasm.worker." + worker.name());
		new String(stderr, StandardCharsets.UTF_8).lines().forEach(workerLogger::info);
	}

	/** What one run answers, and why it failed when it did. */
	private record Ran(HttpReply reply, @Nullable Throwable failure) {
	}

}
