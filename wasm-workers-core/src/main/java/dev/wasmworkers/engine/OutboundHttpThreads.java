package dev.wasmworkers.engine;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.wasmworkers.engine.wasi.StackReserve;
import dev.wasmworkers.http.OutboundHttp;
import dev.wasmworkers.http.OutboundHttpException;
import dev.wasmworkers.http.OutboundRequest;
import dev.wasmworkers.http.OutboundResponse;

/**
 * Sends the outbound requests of runs on threads of their own, so that the JDK's HTTP
 * client, which loads many classes on its first use and calls deep, never runs on what a
 * guest left of its worker thread's stack.
 *
 * <p>
 * The worker thread waits for the answer and stays interruptible: when it is interrupted
 * the request is abandoned. At most one request per worker thread is in flight, so the
 * daemon threads, created as needed and kept a minute when idle, are as many as the
 * worker threads that send at once.
 */
final class OutboundHttpThreads {

	private static final AtomicInteger count = new AtomicInteger();

	private static final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "wasm-outbound-http-" + count.incrementAndGet());
		thread.setDaemon(true);
		return thread;
	});

	private OutboundHttpThreads() {
	}

	/**
	 * Sends a request through a run's outbound HTTP on another thread and waits for it.
	 * @throws OutboundHttpException when the request is refused or fails
	 * @throws InterruptedException when the waiting thread is interrupted; the request is
	 * then cancelled
	 * @throws StackOverflowError when the calling thread has too little stack left to
	 * hand the request over, before anything was done
	 */
	static OutboundResponse send(OutboundHttp http, OutboundRequest request)
			throws OutboundHttpException, InterruptedException {
		StackReserve.ensure();
		Future<OutboundResponse> sending = threads.submit(() -> http.send(request));
		try {
			return sending.get();
		}
		catch (InterruptedException ex) {
			sending.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof OutboundHttpException failure) {
				throw failure;
			}
			if (cause instanceof RuntimeException failure) {
				throw failure;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException("Sending " + request + " failed", cause);
		}
	}

	/**
	 * Starts one thread and hands it one task, so that the hand-off's classes are loaded.
	 */
	static void warmUp() {
		try {
			threads.submit(() -> null).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The outbound HTTP threads do not start", ex.getCause());
		}
	}

}
