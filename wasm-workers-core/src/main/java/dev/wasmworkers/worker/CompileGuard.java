package dev.wasmworkers.worker;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.execution.Durations;

/**
 * Reads and compiles each worker on a thread of its own, so that no module can stop or
 * stall the loading of the others: whatever it throws, an {@link Error} included, fails
 * that worker only, and past its time budget it is abandoned.
 *
 * <p>
 * Chicory's parser and compiler do not check for interruption, so an abandoned
 * compilation cannot be stopped: its daemon thread is interrupted and left to finish on
 * its own, in time that grows with the module's size (which the largest module size
 * bounds), and its result is dropped. Functions too large for the JVM, which used to make
 * compiling take minutes, are never compiled (see the engine).
 *
 * <p>
 * Compilations run side by side, so a module that exhausts the heap can make another
 * one's compilation fail with {@link OutOfMemoryError} too. A compilation that fails so
 * is therefore tried once more alone, once the others running then are done: only the
 * module that really needs more memory than the heap has fails.
 */
final class CompileGuard {

	private static final AtomicInteger threadCount = new AtomicInteger();

	private final Duration timeout;

	/**
	 * Shared by every compilation; held alone by one tried again after running out of
	 * memory.
	 */
	private final ReadWriteLock heap = new ReentrantReadWriteLock();

	CompileGuard(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Runs one compilation on a thread of its own and waits for it, at most the timeout.
	 * @param name the worker's name
	 * @param compilation reads and compiles the worker
	 * @return the program
	 * @throws WorkerLoadException when the compilation fails, with any exception or
	 * error, or takes too long
	 * @throws IOException when the worker file cannot be read
	 */
	WasmProgram compile(String name, Callable<WasmProgram> compilation) throws WorkerLoadException, IOException {
		FutureTask<WasmProgram> task = new FutureTask<>(() -> compileRetryingAlone(compilation));
		Thread thread = new Thread(task, "wasm-compile-" + threadCount.incrementAndGet());
		thread.setDaemon(true);
		thread.start();
		try {
			return task.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			thread.interrupt();
			throw new WorkerLoadException(name,
					"compiling it took longer than the compile timeout of " + Durations.format(this.timeout)
							+ " (wasm.workers.compile-timeout); it was abandoned, and its thread (" + thread.getName()
							+ ") ends when the parser or compiler returns");
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof WorkerLoadException loadFailure) {
				throw loadFailure;
			}
			if (cause instanceof IOException readFailure) {
				throw readFailure;
			}
			throw failure(name, cause);
		}
		catch (InterruptedException ex) {
			thread.interrupt();
			Thread.currentThread().interrupt();
			throw new WorkerLoadException(name, "loading was interrupted");
		}
	}

	private WasmProgram compileRetryingAlone(Callable<WasmProgram> compilation) throws Exception {
		Lock shared = this.heap.readLock();
		shared.lockInterruptibly();
		try {
			return compilation.call();
		}
		catch (OutOfMemoryError ex) {
			// Perhaps another compilation took the heap: try again alone.
		}
		finally {
			shared.unlock();
		}
		Lock alone = this.heap.writeLock();
		alone.lockInterruptibly();
		try {
			return compilation.call();
		}
		finally {
			alone.unlock();
		}
	}

	private static WorkerLoadException failure(String name, Throwable cause) {
		if (cause instanceof OutOfMemoryError) {
			return new WorkerLoadException(name, "reading or compiling it needs more memory than the JVM has, even"
					+ " compiled alone (" + cause + "); give the JVM a larger heap (-Xmx) or make the module smaller",
					cause);
		}
		return new WorkerLoadException(name, "cannot be compiled: " + cause, cause);
	}

}
