package dev.wasmworkers.worker;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.wasmworkers.execution.WorkerRejectedException;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.protocol.HttpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns how an invocation ended into the reply to send, so that every web stack answers a
 * full queue, a deadline and an unexpected failure with the same {@link HttpReply}.
 */
public final class InvocationReplies {

	private static final Logger logger = LoggerFactory.getLogger(InvocationReplies.class);

	private InvocationReplies() {
	}

	/**
	 * The reply of an invocation: its own reply, {@link HttpReply#overloaded()} when it
	 * was rejected, {@link HttpReply#timedOut()} when it passed its deadline, and
	 * {@link HttpReply#errorPage()} for any other failure. Cancelling the returned future
	 * cancels the invocation.
	 * @param invocation the future of {@link WorkerInvoker#invoke}
	 * @return a future that completes with a reply, or is cancelled
	 */
	public static CompletableFuture<HttpReply> of(CompletableFuture<HttpReply> invocation) {
		CompletableFuture<HttpReply> reply = invocation.handle((value, failure) -> {
			if (failure == null) {
				return value;
			}
			return replyTo(unwrap(failure));
		});
		reply.whenComplete((value, failure) -> {
			if (reply.isCancelled()) {
				invocation.cancel(true);
			}
		});
		return reply;
	}

	private static HttpReply replyTo(Throwable failure) {
		if (failure instanceof WorkerRejectedException) {
			return HttpReply.overloaded();
		}
		if (failure instanceof WorkerTimeoutException) {
			return HttpReply.timedOut();
		}
		if (failure instanceof CancellationException cancelled) {
			throw cancelled;
		}
		logger.error("Worker invocation failed unexpectedly", failure);
		return HttpReply.errorPage();
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

}
