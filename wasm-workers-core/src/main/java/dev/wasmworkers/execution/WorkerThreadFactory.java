package dev.wasmworkers.execution;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the non-daemon worker threads, named {@code wasm-worker-1},
 * {@code wasm-worker-2} and so on.
 */
final class WorkerThreadFactory implements ThreadFactory {

	private final AtomicInteger count = new AtomicInteger();

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, "wasm-worker-" + this.count.incrementAndGet());
		thread.setDaemon(false);
		return thread;
	}

}
