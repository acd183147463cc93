package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.execution.WorkerRejectedException;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How a {@link WorkerInvoker} answers runs that wait past their deadline and runs that
 * end with a JVM {@link Error}: the deadline counts from the invocation, and an error is
 * the wws error page, never an escaping exception.
 */
class WorkerInvokerFailureTests {

	private static final WorkerInput INPUT = new WorkerInput("http://localhost/", "GET", Map.of(), "", Map.of(),
			Map.of());

	@TempDir
	static Path root;

	private static WorkerCatalog catalog;

	private WorkerExecutor executor;

	@BeforeAll
	static void loadWorkers() throws IOException {
		Files.write(root.resolve("ok.wasm"), Wat2Wasm.parse("(module (func (export \"_start\")))"));
		Files.write(root.resolve("long-loop.wasm"),
				Wat2Wasm.parse("(module (func (export \"_start\") (loop $l (br $l))))"));
		Files.writeString(root.resolve("long-loop.toml"), "[limits]\ntimeout = \"60s\"\n");
		catalog = WorkerCatalog.load(root, "", new WorkerDiscovery(Set.of("wasm")),
				new WorkerLoader(new WasmEngine(), new WorkerConfigReader((name) -> null)));
	}

	@AfterEach
	void closeExecutor() {
		this.executor.close();
	}

	@Test
	void aRunStillWaitingForAThreadAtItsDeadlineIsRejectedThenAndNeverRuns() {
		WorkerInvoker invoker = invoker(Duration.ofMillis(300));
		CompletableFuture<HttpReply> blocking = invoker.invoke(worker("long-loop.wasm"), INPUT);
		Awaitility.await().until(() -> this.executor.running() == 1);

		CompletableFuture<HttpReply> waiting = invoker.invoke(worker("ok.wasm"), INPUT);

		assertThatExceptionOfType(CompletionException.class).isThrownBy(waiting::join)
			.havingCause()
			.isInstanceOf(WorkerRejectedException.class)
			.withMessage("waited for a free place past its deadline of 300ms");
		assertThat(blocking).isNotDone();
		assertThat(this.executor.queued()).isZero();
		blocking.cancel(true);
		Awaitility.await().until(() -> this.executor.running() == 0);
	}

	@ParameterizedTest
	@MethodSource("errors")
	void anErrorInARunIsAnsweredWithTheErrorPageAndTheNextRunIsServed(Supplier<Error> error) {
		WorkerInvoker invoker = invoker(Duration.ofSeconds(30));
		Worker failing = Worker.served(
				new WorkerSource(root.resolve("failing.wasm"), "failing.wasm", "wasm", WorkerRoute.parse("/failing")),
				WorkerConfig.empty(), new ThrowingProgram(error), List.of());

		HttpReply reply = invoker.invoke(failing, INPUT).join();

		assertThat(reply.status()).isEqualTo(500);
		assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(HttpReply.ERROR_PAGE);
		assertThat(invoker.invoke(worker("ok.wasm"), INPUT)).succeedsWithin(Duration.ofSeconds(30));
	}

	static List<Supplier<Error>> errors() {
		return List.of(() -> new OutOfMemoryError("Java heap space"),
				() -> new LinkageError("loader constraint violation"), () -> new StackOverflowError(),
				() -> new InternalError("broken"));
	}

	private WorkerInvoker invoker(Duration timeout) {
		this.executor = new WorkerExecutor(1, 4);
		return new WorkerInvoker(this.executor, new WorkerProtocol(), new InMemoryKvStore(new KvLimits(100, 100_000)),
				new RunLimits(timeout, 16, 1024 * 1024, 1024 * 1024), new WorkerGates(1, 4));
	}

	private static Worker worker(String name) {
		return catalog.workers().stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

	/**
	 * Stands for a run in which the JVM itself fails: a heap exhausted by another thread,
	 * a class that cannot be linked.
	 */
	private record ThrowingProgram(Supplier<Error> error) implements WasmProgram {

		@Override
		public RunResult run(RunRequest request) {
			throw this.error.get();
		}

		@Override
		public Duration compileTime() {
			return Duration.ZERO;
		}

	}

}
