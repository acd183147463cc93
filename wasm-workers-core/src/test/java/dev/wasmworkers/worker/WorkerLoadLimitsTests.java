package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.HugeModules;
import dev.wasmworkers.engine.RunStatus;
import dev.wasmworkers.engine.TestPrograms;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.runtime.WorkerRuntimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile modules at start-up, loaded with a healthy worker beside them: each fails, or
 * is served, on its own, and the healthy worker is served and answers.
 */
class WorkerLoadLimitsTests {

	private static final String HEALTHY = "(module (import \"wasi_snapshot_preview1\" \"fd_write\""
			+ " (func $w (param i32 i32 i32 i32) (result i32))) (memory (export \"memory\") 1)"
			+ " (data (i32.const 64) \"ok\") (func (export \"_start\") (i32.store (i32.const 0) (i32.const 64))"
			+ " (i32.store (i32.const 4) (i32.const 2)) (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1)"
			+ " (i32.const 8)))))";

	private static final Pattern COMPILE_THREAD = Pattern.compile("\\((wasm-compile-\\d+)\\)");

	@TempDir
	Path root;

	@Test
	void aMillionTargetBrTableIsServedInTheInterpreterWithinTheDefaultBudget() throws IOException {
		Files.write(this.root.resolve("wide.wasm"), HugeModules.wideBrTable(1_000_000, true));

		WorkerCatalog catalog = load(LoadLimits.DEFAULTS);

		assertThat(worker(catalog, "wide.wasm").failure()).isEmpty();
		assertThat(worker(catalog, "wide.wasm").program().orElseThrow().run(TestPrograms.request("")).status())
			.isEqualTo(RunStatus.COMPLETED);
		assertHealthyAnswers(catalog);
	}

	@Test
	void aCompilationPastItsBudgetFailsThatWorkerOnlyAndItsThreadEndsOnItsOwn() throws Exception {
		// One million instructions: about a second to parse, far more than the budget.
		Files.write(this.root.resolve("slow.wasm"), HugeModules.longFunction(1_000_000));
		// The healthy worker has the same 100 ms budget: load Chicory's compiler first,
		// which alone can take longer than that in a fresh JVM.
		new WasmEngine().compile("warm-up.wasm", Wat2Wasm.parse(HEALTHY));

		WorkerCatalog catalog = load(new LoadLimits(Duration.ofMillis(100), LoadLimits.DEFAULTS.maxModuleSize(),
				LoadLimits.DEFAULTS.maxMemoryPages()));

		String failure = worker(catalog, "slow.wasm").failure().orElseThrow();
		assertThat(failure).contains("compiling it took longer than the compile timeout of 100ms"
				+ " (wasm.workers.compile-timeout); it was abandoned");
		assertHealthyAnswers(catalog);
		Matcher thread = COMPILE_THREAD.matcher(failure);
		assertThat(thread.find()).isTrue();
		Optional<Thread> abandoned = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((candidate) -> candidate.getName().equals(thread.group(1)))
			.findFirst();
		if (abandoned.isPresent()) {
			assertThat(abandoned.get().isDaemon()).isTrue();
			abandoned.get().join(Duration.ofMinutes(2).toMillis());
			assertThat(abandoned.get().isAlive()).as("the abandoned compilation ended").isFalse();
		}
	}

	@Test
	void aFileLargerThanTheLargestModuleSizeFailsNamingBothSizes() throws IOException {
		Files.write(this.root.resolve("large.wasm"), HugeModules.longFunction(1000));

		WorkerCatalog catalog = load(
				new LoadLimits(Duration.ofSeconds(60), 1024, LoadLimits.DEFAULTS.maxMemoryPages()));

		long size = Files.size(this.root.resolve("large.wasm"));
		assertThat(worker(catalog, "large.wasm").failure())
			.hasValueSatisfying((reason) -> assertThat(reason).isEqualTo("the file is " + size
					+ " bytes, more than the largest module size of 1024 bytes" + " (wasm.workers.max-module-size)"));
		assertHealthyAnswers(catalog);
	}

	@Test
	void aModuleWhoseInitialMemoryIsAboveItsCapFailsToLoadNamingBothSizes() throws IOException {
		Files.write(this.root.resolve("huge-memory.wasm"),
				Wat2Wasm.parse("(module (memory 15000) (func (export \"_start\")))"));
		Files.write(this.root.resolve("own-cap.wasm"),
				Wat2Wasm.parse("(module (memory 15000) (func (export \"_start\")))"));
		Files.writeString(this.root.resolve("own-cap.toml"), "[limits]\nmax_memory = \"1GB\"\n");

		WorkerCatalog catalog = load(LoadLimits.DEFAULTS);

		assertThat(worker(catalog, "huge-memory.wasm").failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.startsWith("its initial memory of 15000 pages (64 KiB each) is more than its memory cap of 2048 pages"));
		assertThat(worker(catalog, "own-cap.wasm").failure()).isEmpty();
		assertHealthyAnswers(catalog);
	}

	private WorkerCatalog load(LoadLimits limits) throws IOException {
		Files.write(this.root.resolve("healthy.wasm"), Wat2Wasm.parse(HEALTHY));
		WasmEngine engine = new WasmEngine();
		WorkerLoader loader = new WorkerLoader(WorkerRuntimes.defaults(engine),
				new WorkerConfigReader(Map.<String, String>of()::get),
				new OutboundHttpClient(OutboundHttpSettings.defaults()), limits, KvConflictSettings.DEFAULTS);
		return WorkerCatalog.load(this.root, "", new WorkerDiscovery(Set.of("wasm")), loader);
	}

	private static void assertHealthyAnswers(WorkerCatalog catalog) {
		byte[] stdout = worker(catalog, "healthy.wasm").program().orElseThrow().run(TestPrograms.request("")).stdout();
		assertThat(new String(stdout, StandardCharsets.UTF_8)).isEqualTo("ok");
	}

	private static Worker worker(WorkerCatalog catalog, String name) {
		return catalog.workers().stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

}
