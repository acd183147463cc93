package dev.wasmworkers.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.RunStatus;
import dev.wasmworkers.engine.TestPrograms;
import dev.wasmworkers.engine.WasmProgram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerExecutorTests {

	/** A generous bound for anything that should happen almost at once. */
	private static final Duration SOON = Duration.ofSeconds(10);

	private static final Duration LONG_DEADLINE = Duration.ofMinutes(1);

	@Test
	void runsTasksOnNamedNonDaemonThreads() {
		try (WorkerExecutor executor = new WorkerExecutor(2, 2)) {
			CompletableFuture<Thread> future = submit(executor, Thread::currentThread, LONG_DEADLINE);

			assertThat(future).succeedsWithin(SOON).satisfies((thread) -> {
				assertThat(thread.getName()).isEqualTo("wasm-worker-1");
				assertThat(thread.isDaemon()).isFalse();
			});
		}
	}

	@Test
	void failsWithTheTasksOwnException() {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<Object> future = submit(executor, () -> {
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
	void failsWithTheTasksOwnError() {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<Object> future = submit(executor, () -> {
				throw new OutOfMemoryError("Java heap space");
			}, LONG_DEADLINE);

			assertThat(future).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(OutOfMemoryError.class);
			assertThat(submit(executor, () -> "next", LONG_DEADLINE)).succeedsWithin(SOON).isEqualTo("next");
		}
	}

	@Test
	void interruptsAnEndlessWorkerAtItsDeadlineAndReusesTheThread() {
		WasmProgram loop = TestPrograms.endlessLoop();
		AtomicReference<RunResult> interrupted = new AtomicReference<>();
		AtomicReference<String> firstThread = new AtomicReference<>();
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<RunResult> timedOut = submit(executor, () -> {
				firstThread.set(Thread.currentThread().getName());
				RunResult result = loop.run(TestPrograms.request(""));
				interrupted.set(result);
				return result;
			}, Duration.ofMillis(200));

			assertThat(timedOut).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerTimeoutException.class)
				.withMessage("timed out after 200ms");

			CompletableFuture<String> next = submit(executor, () -> {
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
		CountDownLatch release = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<String> first = running(executor, new WorkerGate(1, 0), release);
			CompletableFuture<String> second = submit(executor, () -> "second", LONG_DEADLINE);
			CompletableFuture<String> third = submit(executor, () -> "third", LONG_DEADLINE);

			assertThat(third).isCompletedExceptionally();
			assertThat(third).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerRejectedException.class)
				.withMessage("all 1 worker threads are busy and the queue is full");
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
			CompletableFuture<String> first = running(executor, new WorkerGate(1, 0), release);
			CompletableFuture<String> second = submit(executor, () -> "second", LONG_DEADLINE);

			assertThat(second).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerRejectedException.class);

			release.countDown();

			assertThat(first).succeedsWithin(SOON).isEqualTo("first");
		}
	}

	@Test
	void aTaskStillInThePoolsQueueAtItsDeadlineFailsThenAndNeverRuns() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean queuedTaskRan = new AtomicBoolean();
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<Boolean> blocker = submit(executor, () -> release.await(1, TimeUnit.MINUTES),
					LONG_DEADLINE);
			CompletableFuture<Boolean> queued = submit(executor, () -> queuedTaskRan.getAndSet(true),
					Duration.ofMillis(300));

			assertThat(queued).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerRejectedException.class)
				.withMessage("waited for a free place past its deadline of 300ms");
			assertThat(executor.queued()).isZero();
			release.countDown();
			assertThat(blocker).succeedsWithin(SOON).isEqualTo(true);
			assertThat(submit(executor, queuedTaskRan::get, LONG_DEADLINE)).succeedsWithin(SOON).isEqualTo(false);
		}
	}

	@Test
	void aTaskStillInItsGatesQueueAtItsDeadlineFailsThenAndNeverRuns() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean waitingTaskRan = new AtomicBoolean();
		WorkerGate gate = new WorkerGate(1, 1);
		try (WorkerExecutor executor = new WorkerExecutor(2, 2)) {
			CompletableFuture<Boolean> blocker = executor.submit("blocker", () -> release.await(1, TimeUnit.MINUTES),
					gate, LONG_DEADLINE);
			CompletableFuture<Boolean> waiting = executor.submit("waiting", () -> waitingTaskRan.getAndSet(true), gate,
					Duration.ofMillis(300));

			assertThat(waiting).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerRejectedException.class)
				.withMessage("waited for a free place past its deadline of 300ms");
			assertThat(gate.waiting()).isZero();
			release.countDown();
			assertThat(blocker).succeedsWithin(SOON).isEqualTo(true);
			assertThat(executor.submit("next", waitingTaskRan::get, gate, LONG_DEADLINE)).succeedsWithin(SOON)
				.isEqualTo(false);
		}
	}

	@Test
	void aRunThatIgnoresItsInterruptFailsAtItsDeadlineButKeepsItsPlaceUntilItReturns() {
		CountDownLatch release = new CountDownLatch(1);
		WorkerGate gate = new WorkerGate(1, 1);
		try (WorkerExecutor executor = new WorkerExecutor(2, 2)) {
			CompletableFuture<String> stubborn = executor.submit("stubborn", () -> awaitIgnoringInterrupts(release),
					gate, Duration.ofMillis(200));

			assertThat(stubborn).failsWithin(SOON)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerTimeoutException.class);
			assertThat(executor.running()).isEqualTo(1);
			assertThat(gate.running()).isEqualTo(1);
			CompletableFuture<String> next = executor.submit("next", () -> "next", gate, LONG_DEADLINE);
			assertThat(gate.waiting()).isEqualTo(1);
			assertThat(next).isNotDone();
			assertThat(submit(executor, () -> "other worker", LONG_DEADLINE)).succeedsWithin(SOON)
				.isEqualTo("other worker");

			release.countDown();

			assertThat(next).succeedsWithin(SOON).isEqualTo("next");
		}
	}

	@Test
	void aRunStillGoingWellAfterItsDeadlineIsStuck() {
		CountDownLatch release = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(2, 2)) {
			CompletableFuture<String> stubborn = executor.submit("stubborn.wasm",
					() -> awaitIgnoringInterrupts(release), new WorkerGate(1, 0), Duration.ofMillis(100));
			assertThat(stubborn).failsWithin(SOON).withThrowableOfType(ExecutionException.class);
			assertThat(executor.stuck()).isEmpty();

			Awaitility.await().atMost(WorkerExecutor.STOP_GRACE.plus(SOON)).until(() -> !executor.stuck().isEmpty());

			assertThat(executor.stuck()).singleElement().satisfies((stuck) -> {
				assertThat(stuck.worker()).isEqualTo("stubborn.wasm");
				assertThat(stuck.thread()).startsWith("wasm-worker-");
				assertThat(stuck.overdue()).isGreaterThan(WorkerExecutor.STOP_GRACE);
			});
			release.countDown();
			Awaitility.await().atMost(SOON).until(() -> executor.running() == 0);
			assertThat(executor.stuck()).isEmpty();
		}
	}

	@Test
	void cancellingARunningTaskInterruptsIt() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<String> future = submit(executor, () -> {
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
			CompletableFuture<RunResult> future = submit(executor, () -> {
				started.countDown();
				result.set(loop.run(TestPrograms.request("")));
				stopped.countDown();
				return result.get();
			}, LONG_DEADLINE);
			assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();

			future.cancel(true);

			assertThat(stopped.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
			assertThat(result.get().status()).isEqualTo(RunStatus.INTERRUPTED);
			assertThat(submit(executor, () -> "next", LONG_DEADLINE)).succeedsWithin(SOON).isEqualTo("next");
		}
	}

	@Test
	void cancellingAQueuedTaskRemovesItFromTheQueue() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean queuedTaskRan = new AtomicBoolean();
		try (WorkerExecutor executor = new WorkerExecutor(1, 2)) {
			CompletableFuture<Boolean> blocker = submit(executor, () -> {
				started.countDown();
				return release.await(1, TimeUnit.MINUTES);
			}, LONG_DEADLINE);
			assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
			CompletableFuture<Boolean> queued = submit(executor, () -> queuedTaskRan.getAndSet(true), LONG_DEADLINE);
			assertThat(executor.queued()).isEqualTo(1);

			queued.cancel(true);

			assertThat(queued).isCancelled();
			assertThat(executor.queued()).isZero();
			release.countDown();
			assertThat(blocker).succeedsWithin(SOON).isEqualTo(true);
			assertThat(submit(executor, queuedTaskRan::get, LONG_DEADLINE)).succeedsWithin(SOON).isEqualTo(false);
		}
	}

	@Test
	void closingFailsQueuedTasksLetsRunningOnesFinishAndRejectsNewOnes() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		WorkerExecutor executor = new WorkerExecutor(1, 1);
		CompletableFuture<String> running = submit(executor, () -> {
			started.countDown();
			release.await();
			return "finished";
		}, LONG_DEADLINE);
		assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
		CompletableFuture<String> queued = submit(executor, () -> "never", LONG_DEADLINE);
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
		assertThat(submit(executor, () -> "late", LONG_DEADLINE)).failsWithin(Duration.ZERO)
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(WorkerRejectedException.class)
			.withMessage("the worker executor is closed");
	}

	@Test
	void runOrSubmitRunsOnTheCallingThreadWhenASlotIsFree() {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<Thread> future = executor.runOrSubmit("test", Thread::currentThread, new WorkerGate(1, 0),
					LONG_DEADLINE);

			assertThat(future).isCompletedWithValue(Thread.currentThread());
			assertThat(executor.running()).isZero();
			assertThat(submit(executor, () -> Thread.currentThread().getName(), LONG_DEADLINE)).succeedsWithin(SOON)
				.isEqualTo("wasm-worker-1");
		}
	}

	@Test
	void runOrSubmitHandsTheTaskToThePoolWhenEverySlotIsTaken() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<String> first = running(executor, new WorkerGate(1, 0), release);

			CompletableFuture<String> second = executor.runOrSubmit("test", () -> Thread.currentThread().getName(),
					new WorkerGate(1, 0), LONG_DEADLINE);

			assertThat(second).isNotDone();
			release.countDown();
			assertThat(first).succeedsWithin(SOON).isEqualTo("first");
			assertThat(second).succeedsWithin(SOON).isEqualTo("wasm-worker-1");
		}
	}

	@Test
	void runOrSubmitHandsTheTaskToThePoolWhenItsGateIsFull() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		WorkerGate gate = new WorkerGate(1, 1);
		try (WorkerExecutor executor = new WorkerExecutor(2, 1)) {
			CompletableFuture<String> first = running(executor, gate, release);

			CompletableFuture<String> second = executor.runOrSubmit("test", () -> Thread.currentThread().getName(),
					gate, LONG_DEADLINE);

			assertThat(second).isNotDone();
			release.countDown();
			assertThat(first).succeedsWithin(SOON).isEqualTo("first");
			assertThat(second).succeedsWithin(SOON)
				.satisfies((thread) -> assertThat(thread).startsWith("wasm-worker-"));
		}
	}

	@Test
	void runOrSubmitDoesNotRunOnAnInterruptedThread() {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			Thread.currentThread().interrupt();
			CompletableFuture<String> future;
			try {
				future = executor.runOrSubmit("test", () -> Thread.currentThread().getName(), new WorkerGate(1, 0),
						LONG_DEADLINE);
			}
			finally {
				assertThat(Thread.interrupted()).isTrue();
			}

			assertThat(future).succeedsWithin(SOON).isEqualTo("wasm-worker-1");
		}
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void runOrSubmitDoesNotRunOnAVirtualThread() throws Exception {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			AtomicReference<CompletableFuture<String>> future = new AtomicReference<>();
			Runnable call = () -> future.set(executor.runOrSubmit("test", () -> Thread.currentThread().getName(),
					new WorkerGate(1, 0), LONG_DEADLINE));
			// Thread.ofVirtual().start(call), through reflection: the project compiles
			// for 17.
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			Thread caller = (Thread) Class.forName("java.lang.Thread$Builder")
				.getMethod("start", Runnable.class)
				.invoke(builder, call);
			caller.join();

			assertThat(future.get()).succeedsWithin(SOON).isEqualTo("wasm-worker-1");
		}
	}

	@Test
	void aRunOnTheCallingThreadIsInterruptedAtItsDeadlineAndLeavesTheThreadUninterrupted() {
		WasmProgram loop = TestPrograms.endlessLoop();
		AtomicReference<RunResult> interrupted = new AtomicReference<>();
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			CompletableFuture<RunResult> timedOut = executor.runOrSubmit("test", () -> {
				RunResult result = loop.run(TestPrograms.request(""));
				interrupted.set(result);
				return result;
			}, new WorkerGate(1, 0), Duration.ofMillis(200));

			assertThat(timedOut).isCompletedExceptionally();
			assertThat(timedOut).failsWithin(Duration.ZERO)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOf(WorkerTimeoutException.class)
				.withMessage("timed out after 200ms");
			assertThat(interrupted.get().status()).isEqualTo(RunStatus.INTERRUPTED);
			assertThat(Thread.currentThread().isInterrupted()).isFalse();
			assertThat(executor.running()).isZero();
		}
	}

	@Test
	void runsOnCallingThreadsAndThePoolNeverTogetherExceedMaxConcurrency() throws Exception {
		int maxConcurrency = 2;
		AtomicInteger running = new AtomicInteger();
		AtomicInteger mostAtOnce = new AtomicInteger();
		Callable<String> task = () -> {
			mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
			Thread.sleep(1);
			running.decrementAndGet();
			return Thread.currentThread().getName();
		};
		ExecutorService callers = Executors.newFixedThreadPool(6);
		try (WorkerExecutor executor = new WorkerExecutor(maxConcurrency, 1000)) {
			List<Future<List<CompletableFuture<String>>>> batches = new ArrayList<>();
			for (int caller = 0; caller < 6; caller++) {
				boolean mayRunHere = caller % 2 == 0;
				batches.add(callers.submit(() -> {
					List<CompletableFuture<String>> runs = new ArrayList<>();
					for (int i = 0; i < 100; i++) {
						WorkerGate gate = new WorkerGate(1, 0);
						runs.add((mayRunHere) ? executor.runOrSubmit("test", task, gate, LONG_DEADLINE)
								: executor.submit("test", task, gate, LONG_DEADLINE));
					}
					return runs;
				}));
			}
			for (Future<List<CompletableFuture<String>>> batch : batches) {
				for (CompletableFuture<String> run : batch.get()) {
					assertThat(run).succeedsWithin(SOON);
				}
			}
		}
		finally {
			callers.shutdownNow();
		}
		assertThat(mostAtOnce.get()).isBetween(1, maxConcurrency);
	}

	@Test
	void aSlotHeldOnACallersThreadKeepsASubmittedTaskWaitingOnAPoolThread() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch callerRunning = new CountDownLatch(1);
		AtomicReference<CompletableFuture<String>> onCaller = new AtomicReference<>();
		AtomicBoolean thirdStarted = new AtomicBoolean();
		try (WorkerExecutor executor = new WorkerExecutor(2, 1)) {
			Thread caller = new Thread(() -> onCaller.set(executor.runOrSubmit("test", () -> {
				callerRunning.countDown();
				release.await();
				return Thread.currentThread().getName();
			}, new WorkerGate(1, 0), LONG_DEADLINE)), "caller");
			caller.start();
			assertThat(callerRunning.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
			CompletableFuture<String> second = running(executor, new WorkerGate(1, 0), release);

			CompletableFuture<String> third = submit(executor, () -> {
				thirdStarted.set(true);
				return Thread.currentThread().getName();
			}, LONG_DEADLINE);

			Awaitility.await().atMost(SOON).until(() -> executor.queued() == 1);
			assertThat(executor.running()).isEqualTo(2);
			assertThat(thirdStarted).isFalse();
			release.countDown();
			caller.join();
			assertThat(onCaller.get()).succeedsWithin(SOON).isEqualTo("caller");
			assertThat(second).succeedsWithin(SOON).isEqualTo("first");
			assertThat(third).succeedsWithin(SOON).satisfies((thread) -> assertThat(thread).startsWith("wasm-worker-"));
		}
	}

	@Test
	void armingADeadlineFurtherAwayThanTheTickDoesNotWakeTheDeadlineThread() {
		Set<Thread> before = deadlineThreads();
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			assertThat(submit(executor, () -> "first", LONG_DEADLINE)).succeedsWithin(SOON);
			Set<Thread> created = deadlineThreads();
			created.removeAll(before);
			assertThat(created).hasSize(1);
			long threadId = created.iterator().next().getId();
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long waitsBefore = threads.getThreadInfo(threadId).getWaitedCount();
			for (int i = 0; i < 100; i++) {
				// One at a time: each is armed while no other run's deadline is.
				assertThat(submit(executor, () -> "next", LONG_DEADLINE)).succeedsWithin(SOON);
			}
			long wakeUps = threads.getThreadInfo(threadId).getWaitedCount() - waitsBefore;
			// The tick wakes it once a second; without the tick, each of the 100
			// deadlines, armed with no other pending, woke it.
			assertThat(wakeUps).isLessThan(20);
		}
	}

	@Test
	void refusesANonPositiveDeadlineAndBadSizes() {
		try (WorkerExecutor executor = new WorkerExecutor(1, 1)) {
			assertThatIllegalArgumentException().isThrownBy(() -> submit(executor, () -> "x", Duration.ZERO));
		}
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerExecutor(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerExecutor(1, -1));
	}

	private static Set<Thread> deadlineThreads() {
		Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
		threads.removeIf((thread) -> !thread.getName().equals("wasm-worker-deadline"));
		return threads;
	}

	/**
	 * Submits a task that answers {@code first} once {@code release} opens, and waits
	 * until it runs.
	 */
	private static CompletableFuture<String> running(WorkerExecutor executor, WorkerGate gate, CountDownLatch release)
			throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<String> task = executor.submit("test", () -> {
			started.countDown();
			release.await();
			return "first";
		}, gate, LONG_DEADLINE);
		assertThat(started.await(SOON.toSeconds(), TimeUnit.SECONDS)).isTrue();
		return task;
	}

	/** Submits a task of a worker of its own, whose gate never holds it back. */
	private static <T> CompletableFuture<T> submit(WorkerExecutor executor, Callable<T> task, Duration timeout) {
		return executor.submit("test", task, new WorkerGate(1, 0), timeout);
	}

	/**
	 * Stands for a host call that does not check for interruption: waits for the latch
	 * whatever interrupts arrive, then returns with the interrupt flag as it found it.
	 */
	private static String awaitIgnoringInterrupts(CountDownLatch release) {
		boolean interrupted = false;
		while (true) {
			try {
				release.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return "returned";
	}

}
