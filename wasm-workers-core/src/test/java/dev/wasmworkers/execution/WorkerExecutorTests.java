package dev.wasmworkers.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.RunStatus;
import dev.wasmworkers.engine.TestPrograms;
import dev.wasmworkers.engine.WasmProgram;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerExecutorTests {

	/** A generous bound for anything that should happen almost at once. */
	private static final Duration SOON = Duration.ofSeconds(10);

	private static final Duration LONG_DEADLINE = Duration.ofMinutes(1);

	@Test
	void runsTasksOnNamedNonDaemonThreads() {
		try (WorkerExecutor executor = new WorkerExecutor(2, 2)) {
			CompletableFuture<Thread> future = executor.submit(Thread::currentThread, LONG_DEADLINE);

			assertThat(future).succeedsWithin(SOON).satisfies((thread) -> {
				assertThat(thread.getName()).isEqualTo("wasm-worker-1");
				assertThat(thread.isDaemon()).isFalse();
			});
		}
	}

	@Test
	void failsWithTheTasksOwnException() {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<Object> future = executor.submit(() -> {
				throw new IllegalStateException("boom");
			}, LONG_DEADLINE);

			assertThat(future).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(IllegalStateException.class)
				.withMessage("boom");
		}
	}

	@Test
	void interruptsAnEndlessWorkerAtItsDeadlineAndReusesTheThread() {
		WasmProgram loop = TestPrograms.endlessLoop();
		AtomicReference<RunResult> interrupted = new AtomicReference<>();
		AtomicReference<String> firstThread = new AtomicReference<>();
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<RunResult> timedOut = executor.submit(() -> {
				firstThread.set(Thread.currentThread().getName());
				RunResult result = loop.run(TestPrograms.request(""));
				interrupted.set(result);
				return result;
			}, Duration.ofMillis(200));

			assertThat(timedOut).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerTimeoutException.class)
				.withMessage("the worker ran longer than its deadline of 200 ms");

			CompletableFuture<String> next = executor.submit(() -> {
				boolean interruptedAtStart = Thread.currentThread().isInterrupted();
				RunResult result = TestPrograms.ok().run(TestPrograms.request(""));
				return Thread.currentThread().getName() + " " + interruptedAtStart + " " + result.status() + " "
						+ new String(result.stdout());
			}, LONG_DEADLINE);

			assertThat(next).succeedsWithin(SOON).isEqualTo(firstThread.get() + " false COMPLETED ok");
			assertThat(interrupted.get().status()).isEqualTo(RunStatus.INTERRUPTED);
		}
	}

	@Test
	void rejectsAtOnceWhenAllThreadsAreBusyAndTheQueueIsFull() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<String> first = executor.submit(() -> {
				started.countDown();
				release.await();
				return "first";
			}, LONG_DEADLINE);
			CompletableFuture<String> second = executor.submit(() -> "second", LONG_DEADLINE);
			CompletableFuture<String> third = executor.submit(() -> "third", LONG_DEADLINE);

			assertThat(third).isCompletedExceptionally();
			assertThat(third).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerRejectedException.class)
				.withMessage("all 1 worker threads are busy and the queue is full");
			assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(executor.running()).isEqualTo(1);
			assertThat(executor.queued()).isEqualTo(1);

			release.countDown();

			assertThat(first).succeedsWithin(SOON).isEqualTo("first");
			assertThat(second).succeedsWithin(SOON).isEqualTo("second");
		}
	}

	@Test
	void rejectsWhenBusyWithoutAQueue() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 0)) {
			CompletableFuture<String> first = executor.submit(() -> {
				release.await();
				return "first";
			}, LONG_DEADLINE);
			CompletableFuture<String> second = executor.submit(() -> "second", LONG_DEADLINE);

			assertThat(second).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerRejectedException.class);

			release.countDown();

			assertThat(first).succeedsWithin(SOON).isEqualTo("first");
		}
	}

	@Test
	void startsTheDeadlineWhenTheTaskStartsNotWhenItIsQueued() {
		CountDownLatch release = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<Boolean> blocker = executor.submit(() -> release.await(1, TimeUnit.MINUTES),
					LONG_DEADLINE);
			CompletableFuture<String> queued = executor.submit(() -> "ran", Duration.ofSeconds(1));

			// Queued for longer than its deadline: still not failed.
			assertThat(queued).failsWithin(Duration.ofMillis(1500)).withThrowableOfType(TimeoutException.class);
			release.countDown();

			assertThat(blocker).succeedsWithin(SOON).isEqualTo(true);
			assertThat(queued).succeedsWithin(SOON).isEqualTo("ran");
		}
	}

	@Test
	void cancellingARunningTaskInterruptsIt() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<String> future = executor.submit(() -> {
				started.countDown();
				try {
					Thread.sleep(Duration.ofMinutes(1).toMillis());
					return "slept";
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
					throw ex;
				}
			}, LONG_DEADLINE);
			assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();

			assertThat(future.cancel(false)).isTrue();

			assertThat(future).isCancelled();
			assertThat(interrupted.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void cancellingARunningWorkerStopsTheModule() throws InterruptedException {
		WasmProgram loop = TestPrograms.endlessLoop();
		CountDownLatch started = new CountDownLatch(1);
		AtomicReference<RunResult> result = new AtomicReference<>();
		CountDownLatch stopped = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<RunResult> future = executor.submit(() -> {
				started.countDown();
				result.set(loop.run(TestPrograms.request("")));
				stopped.countDown();
				return result.get();
			}, LONG_DEADLINE);
			assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();

			future.cancel(true);

			assertThat(stopped.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(result.get().status()).isEqualTo(RunStatus.INTERRUPTED);
			assertThat(executor.submit(() -> "next", LONG_DEADLINE)).succeedsWithin(SOON).isEqualTo("next");
		}
	}

	@Test
	void cancellingAQueuedTaskRemovesItFromTheQueue() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean queuedTaskRan = new AtomicBoolean();
		try (WorkerExecutor executor = new WorkerExecutor(1, 2)) {
			CompletableFuture<Boolean> blocker = executor.submit(() -> release.await(1, TimeUnit.MINUTES),
					LONG_DEADLINE);
			CompletableFuture<Boolean> queued = executor.submit(() -> queuedTaskRan.getAndSet(true), LONG_DEADLINE);
			assertThat(executor.queued()).isEqualTo(1);

			queued.cancel(true);

			assertThat(queued).isCancelled();
			assertThat(executor.queued()).isZero();
			release.countDown();
			assertThat(blocker).succeedsWithin(SOON).isEqualTo(true);
			assertThat(executor.submit(queuedTaskRan::get, LONG_DEADLINE)).succeedsWithin(SOON).isEqualTo(false);
		}
	}

	@Test
	void closingFailsQueuedTasksLetsRunningOnesFinishAndRejectsNewOnes() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WorkerExecutor executor = new WorkerExecutor(1, 1);
		CompletableFuture<String> running = executor.submit(() -> {
			started.countDown();
			release.await();
			return "finished";
		}, LONG_DEADLINE);
		CompletableFuture<String> queued = executor.submit(() -> "never", LONG_DEADLINE);
		assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Thread closer = new Thread(executor::close);

		closer.start();

		assertThat(queued).failsWithin(SOON)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(WorkerRejectedException.class)
			.withMessage("the worker executor was closed");
		assertThat(running).isNotDone();
		release.countDown();
		closer.join(SOON.toMillis());
		assertThat(closer.isAlive()).isFalse();
		assertThat(running).isCompletedWithValue("finished");
		assertThat(executor.submit(() -> "late", LONG_DEADLINE)).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(WorkerRejectedException.class)
			.withMessage("the worker executor is closed");
	}

	@Test
	void refusesANonPositiveDeadlineAndBadSizes() {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			assertThatIllegalArgumentException().isThrownBy(() -> executor.submit(() -> "x", Duration.ZERO));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerExecutor(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerExecutor(1, -1));
	}

}
