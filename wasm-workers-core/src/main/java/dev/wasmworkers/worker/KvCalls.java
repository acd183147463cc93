package dev.wasmworkers.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Waits for a KV store call on the worker thread, so that the run's deadline and
 * cancellation interrupt it.
 */
final class KvCalls {

	private KvCalls() {
	}

	static <T> T await(CompletableFuture<T> call) throws InterruptedException {
		try {
			return call.get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("KV store call failed", ex.getCause());
		}
	}

}
