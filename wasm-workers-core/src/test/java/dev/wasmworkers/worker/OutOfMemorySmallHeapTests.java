package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.HugeModules;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Modules that exhaust the heap, at start-up and in a run, next to a healthy worker. The
 * build runs this class alone in a JVM with a small heap (see the pom); elsewhere it is
 * skipped, since a large heap would not run out.
 */
class OutOfMemorySmallHeapTests {

	private static final long SMALL_HEAP = 512L * 1024 * 1024;

	private static final String ANSWER = "{\"data\":\"ok\",\"headers\":{},\"status\":200,\"kv\":{}}";

	private static final String HEALTHY = "(module (import \"wasi_snapshot_preview1\" \"fd_write\""
			+ " (func $w (param i32 i32 i32 i32) (result i32))) (memory (export \"memory\") 1)"
			+ " (data (i32.const 64) \"" + ANSWER.replace("\"", "\\\"") + "\") (func (export \"_start\")"
			+ " (i32.store (i32.const 0) (i32.const 64)) (i32.store (i32.const 4) (i32.const " + ANSWER.length()
			+ ")) (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))";

	private static final WorkerInput INPUT = new WorkerInput("http://localhost/", "GET", Map.of(), "", Map.of(),
			Map.of());

	@TempDir
	Path root;

	@BeforeAll
	static void needsASmallHeap() {
		assumeTrue(Runtime.getRuntime().maxMemory() < SMALL_HEAP, "runs in the small-heap JVM of the build only");
	}

	@Test
	void aModuleTooLargeToParseInTheHeapFailsWithItsReasonAndTheOthersAreServed() throws IOException {
		// One function of five million instructions: 15 MB, about 1 GB of heap to parse.
		Files.write(this.root.resolve("huge.wasm"), HugeModules.longFunction(5_000_000));
		Files.write(this.root.resolve("healthy.wasm"), Wat2Wasm.parse(HEALTHY));
		Files.write(this.root.resolve("healthy-too.wasm"), Wat2Wasm.parse(HEALTHY));

		WorkerCatalog catalog = load();

		assertThat(worker(catalog, "huge.wasm").failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.contains("reading or compiling it needs more memory than the JVM has, even compiled alone")
			.contains("java.lang.OutOfMemoryError"));
		try (WorkerExecutor executor = new WorkerExecutor(2, 4)) {
			WorkerInvoker invoker = invoker(executor);
			assertThat(status(invoker, worker(catalog, "healthy.wasm"))).isEqualTo(200);
			assertThat(status(invoker, worker(catalog, "healthy-too.wasm"))).isEqualTo(200);
		}
	}

	@Test
	void aModuleWhoseInitialMemoryIsMoreThanTheWholeHeapFailsToLoad() throws IOException {
		// 512 MiB of initial memory: under its own cap of 1 GB, but above the heap.
		Files.write(this.root.resolve("heap-bomb.wasm"),
				Wat2Wasm.parse("(module (memory 8192) (func (export \"_start\")))"));
		Files.writeString(this.root.resolve("heap-bomb.toml"), "[limits]\nmax_memory = \"1GB\"\n");
		Files.write(this.root.resolve("healthy.wasm"), Wat2Wasm.parse(HEALTHY));

		WorkerCatalog catalog = load();

		assertThat(worker(catalog, "heap-bomb.wasm").failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.startsWith("its initial memory of 8192 pages (64 KiB each) is more than the JVM's whole heap of "));
		assertThat(worker(catalog, "healthy.wasm").failure()).isEmpty();
	}

	@Test
	void aRunThatExhaustsTheHeapGetsTheErrorPageAndTheNextRunsAreServed() throws IOException {
		// Grows its memory 16 pages (1 MiB) at a time up to its own cap of 1 GB, far
		// above the heap, and writes a byte in every 4 KiB block it gains, so that the
		// copy-on-write memory must hold each block, until one cannot be allocated.
		Files.write(this.root.resolve("heap-bomb.wasm"), Wat2Wasm.parse("""
				(module (memory 1)
				  (func (export "_start") (local $page i32) (local $address i32) (local $end i32)
				    (loop $grow
				      (local.set $page (memory.grow (i32.const 16)))
				      (if (i32.ne (local.get $page) (i32.const -1))
				        (then
				          (local.set $address (i32.mul (local.get $page) (i32.const 65536)))
				          (local.set $end (i32.add (local.get $address) (i32.const 1048576)))
				          (loop $touch
				            (i32.store8 (local.get $address) (i32.const 1))
				            (local.set $address (i32.add (local.get $address) (i32.const 4096)))
				            (br_if $touch (i32.lt_u (local.get $address) (local.get $end))))
				          (br $grow))))))
				"""));
		Files.writeString(this.root.resolve("heap-bomb.toml"), "[limits]\nmax_memory = \"1GB\"\n");
		Files.write(this.root.resolve("healthy.wasm"), Wat2Wasm.parse(HEALTHY));
		WorkerCatalog catalog = load();

		Worker heapBomb = worker(catalog, "heap-bomb.wasm");
		assertThatExceptionOfType(OutOfMemoryError.class).isThrownBy(() -> heapBomb.program()
			.orElseThrow()
			.run(new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1 << 16, RunLimits.MAX_PAGES, List.of())));
		try (WorkerExecutor executor = new WorkerExecutor(2, 4)) {
			WorkerInvoker invoker = invoker(executor);
			for (int i = 0; i < 3; i++) {
				HttpReply reply = invoker.invoke(worker(catalog, "heap-bomb.wasm"), INPUT).join();
				assertThat(reply.status()).isEqualTo(500);
				assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(HttpReply.ERROR_PAGE);
				assertThat(status(invoker, worker(catalog, "healthy.wasm"))).isEqualTo(200);
			}
		}
	}

	private WorkerCatalog load() {
		return WorkerCatalog.load(this.root, "", new WorkerDiscovery(Set.of("wasm")),
				new WorkerLoader(new WasmEngine(), new WorkerConfigReader(Map.<String, String>of()::get)));
	}

	private static WorkerInvoker invoker(WorkerExecutor executor) {
		return new WorkerInvoker(executor, new WorkerProtocol(), new InMemoryKvStore(new KvLimits(100, 100_000)),
				new RunLimits(Duration.ofSeconds(30), RunLimits.pages(128L * 1024 * 1024), 1 << 20, 1 << 16),
				new WorkerGates(1, 4));
	}

	private static int status(WorkerInvoker invoker, Worker worker) {
		return invoker.invoke(worker, INPUT).join().status();
	}

	private static Worker worker(WorkerCatalog catalog, String name) {
		return catalog.workers().stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

}
