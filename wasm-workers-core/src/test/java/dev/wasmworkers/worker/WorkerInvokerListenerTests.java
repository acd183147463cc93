package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.execution.WorkerRejectedException;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a {@link WorkerInvoker} tells its {@link InvocationListener} for each way an
 * invocation can end, on real WAT workers.
 */
class WorkerInvokerListenerTests {

	private static final WorkerInput INPUT = new WorkerInput("http://localhost/", "GET", Map.of(), "", Map.of(),
			Map.of());

	@TempDir
	static Path root;

	private static WorkerCatalog catalog;

	private final RecordingListener listener = new RecordingListener();

	private WorkerExecutor executor;

	@BeforeAll
	static void loadWorkers() throws IOException {
		write("ok.wasm", printing("{\"data\":\"hi\",\"headers\":{},\"status\":200,\"kv\":{}}"));
		write("own500.wasm", printing("{\"data\":\"mine\",\"headers\":{},\"status\":500,\"kv\":{}}"));
		write("badbase64.wasm", printing("{\"data\":\"***\",\"headers\":{},\"status\":200,\"kv\":{},\"base64\":true}"));
		write("trap.wasm", "(module (func (export \"_start\") unreachable))");
		write("loop.wasm", "(module (memory (export \"memory\") 1) (func (export \"_start\") (loop $l (br $l))))");
		Files.writeString(root.resolve("broken.wasm"), "not a module");
		catalog = WorkerCatalog.load(root, "", new WorkerDiscovery(Set.of("wasm")),
				new WorkerLoader(new WasmEngine(), new WorkerConfigReader((name) -> null)));
	}

	@AfterEach
	void closeExecutor() {
		if (this.executor != null) {
			this.executor.close();
		}
	}

	@Test
	void aWorkerThatAnswersIsASuccessAndRunsWrappedOnAWorkerThread() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5)).invoke(worker("ok.wasm"), INPUT).join();
		assertThat(reply.status()).isEqualTo(200);
		Ended ended = this.listener.single();
		assertThat(ended.outcome()).isEqualTo(InvocationOutcome.SUCCESS);
		assertThat(ended.reply()).isSameAs(reply);
		assertThat(ended.failure()).isNull();
		assertThat(this.listener.started).extracting(Worker::name).containsExactly("ok.wasm");
		assertThat(this.listener.workerThreads).singleElement().asString().startsWith("wasm-worker-");
	}

	@Test
	void aWorkerAnswering500ItselfIsASuccess() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5)).invoke(worker("own500.wasm"), INPUT).join();
		assertThat(reply.status()).isEqualTo(500);
		assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("mine");
		assertThat(this.listener.single().outcome()).isEqualTo(InvocationOutcome.SUCCESS);
	}

	@Test
	void aTrapIsAnErrorAnsweredWithTheErrorPage() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5)).invoke(worker("trap.wasm"), INPUT).join();
		assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(HttpReply.ERROR_PAGE);
		Ended ended = this.listener.single();
		assertThat(ended.outcome()).isEqualTo(InvocationOutcome.ERROR);
		assertThat(ended.reply()).isSameAs(reply);
		assertThat(ended.failure()).isInstanceOf(WorkerRunFailedException.class).hasMessageContaining("trap.wasm");
	}

	@Test
	void undecodableBase64IsAnErrorAnswered503() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5)).invoke(worker("badbase64.wasm"), INPUT).join();
		assertThat(reply.status()).isEqualTo(503);
		Ended ended = this.listener.single();
		assertThat(ended.outcome()).isEqualTo(InvocationOutcome.ERROR);
		assertThat(ended.failure()).hasMessageContaining("base64");
	}

	@Test
	void aWorkerThatFailedToLoadIsAnErrorWithoutAnyRun() {
		HttpReply reply = invoker(4, 4, 4, Duration.ofSeconds(5)).invoke(worker("broken.wasm"), INPUT).join();
		assertThat(reply.status()).isEqualTo(500);
		Ended ended = this.listener.single();
		assertThat(ended.outcome()).isEqualTo(InvocationOutcome.ERROR);
		assertThat(ended.failure()).hasMessageContaining("failed to load");
		assertThat(this.listener.workerThreads).isEmpty();
	}

	@Test
	void aRunPastItsDeadlineIsATimeout() {
		CompletableFuture<HttpReply> reply = invoker(4, 4, 4, Duration.ofMillis(200)).invoke(worker("loop.wasm"),
				INPUT);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(reply::join)
			.withCauseInstanceOf(WorkerTimeoutException.class);
		Ended ended = this.listener.single();
		assertThat(ended.outcome()).isEqualTo(InvocationOutcome.TIMEOUT);
		assertThat(ended.reply()).isNull();
		assertThat(ended.failure()).isInstanceOf(WorkerTimeoutException.class);
	}

	@Test
	void aRunRefusedByAFullWorkerGateIsRejectedAndCancellingTheBlockedRunIsReported() throws Exception {
		WorkerInvoker invoker = invoker(4, 4, 1, Duration.ofSeconds(30));
		CompletableFuture<HttpReply> blocked = invoker.invoke(worker("loop.wasm"), INPUT);
		awaitRunning();
		CompletableFuture<HttpReply> refused = invoker.invoke(worker("loop.wasm"), INPUT);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(refused::join)
			.withCauseInstanceOf(WorkerRejectedException.class);
		assertThat(this.listener.single().outcome()).isEqualTo(InvocationOutcome.REJECTED);
		blocked.cancel(true);
		assertThat(this.listener.outcomes()).containsExactly(InvocationOutcome.REJECTED, InvocationOutcome.CANCELLED);
	}

	@Test
	void aRunRefusedByAFullExecutorIsRejected() throws Exception {
		WorkerInvoker invoker = invoker(1, 0, 4, Duration.ofSeconds(30));
		CompletableFuture<HttpReply> blocked = invoker.invoke(worker("loop.wasm"), INPUT);
		CompletableFuture<HttpReply> refused = invoker.invoke(worker("ok.wasm"), INPUT);
		assertThatExceptionOfType(CompletionException.class).isThrownBy(refused::join)
			.withCauseInstanceOf(WorkerRejectedException.class);
		assertThat(this.listener.single().outcome()).isEqualTo(InvocationOutcome.REJECTED);
		blocked.cancel(true);
	}

	@Test
	void aFailingListenerDoesNotChangeTheReply() {
		InvocationListener failing = (worker, input) -> (outcome, reply, failure) -> {
			throw new IllegalStateException("listener bug");
		};
		this.executor = new WorkerExecutor(2, 2);
		WorkerInvoker invoker = new WorkerInvoker(this.executor, new WorkerProtocol(),
				new InMemoryKvStore(new KvLimits(100, 100_000)), limits(Duration.ofSeconds(5)), new WorkerGates(2, 2),
				failing);
		assertThat(invoker.invoke(worker("ok.wasm"), INPUT).join().status()).isEqualTo(200);
	}

	private void awaitRunning() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.executor.running() == 0) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private WorkerInvoker invoker(int threads, int queue, int perWorker, Duration timeout) {
		this.executor = new WorkerExecutor(threads, queue);
		return new WorkerInvoker(this.executor, new WorkerProtocol(), new InMemoryKvStore(new KvLimits(100, 100_000)),
				limits(timeout), new WorkerGates(perWorker, 0), this.listener);
	}

	private static RunLimits limits(Duration timeout) {
		return new RunLimits(timeout, 16, 1024 * 1024, 1024 * 1024);
	}

	private static Worker worker(String name) {
		return catalog.workers().stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

	private static void write(String name, String wat) throws IOException {
		Files.write(root.resolve(name), Wat2Wasm.parse(wat));
	}

	private static String printing(String stdout) {
		byte[] out = stdout.getBytes(StandardCharsets.UTF_8);
		StringBuilder data = new StringBuilder();
		for (byte b : out) {
			data.append(String.format("\\%02x", b & 0xff));
		}
		return "(module (import \"wasi_snapshot_preview1\" \"fd_write\" (func $w (param i32 i32 i32 i32) (result i32)))"
				+ " (memory (export \"memory\") 1) (data (i32.const 64) \"" + data + "\")"
				+ " (func (export \"_start\") (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const "
				+ out.length + ")) (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))";
	}

	private record Ended(InvocationOutcome outcome, @Nullable HttpReply reply, @Nullable Throwable failure) {
	}

	private static final class RecordingListener implements InvocationListener {

		private final List<Worker> started = new CopyOnWriteArrayList<>();

		private final List<String> workerThreads = new CopyOnWriteArrayList<>();

		private final List<Ended> ended = new CopyOnWriteArrayList<>();

		@Override
		public Invocation started(Worker worker, WorkerInput input) {
			this.started.add(worker);
			return new Invocation() {

				@Override
				public <T> Callable<T> onRunThread(Callable<T> run) {
					return () -> {
						RecordingListener.this.workerThreads.add(Thread.currentThread().getName());
						return run.call();
					};
				}

				@Override
				public void ended(InvocationOutcome outcome, @Nullable HttpReply reply, @Nullable Throwable failure) {
					RecordingListener.this.ended.add(new Ended(outcome, reply, failure));
				}

			};
		}

		Ended single() {
			assertThat(this.ended).hasSize(1);
			return this.ended.get(0);
		}

		List<InvocationOutcome> outcomes() {
			return this.ended.stream().map(Ended::outcome).toList();
		}

	}

}
