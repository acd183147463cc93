package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class CompiledProgramTests {

	private static final String ECHO = """
			(memory 1)
			(func (export "_start")
			  (loop $next
			    (i32.store (i32.const 16) (i32.const 1024))
			    (i32.store (i32.const 20) (i32.const 256))
			    (drop (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
			    (if (i32.gt_u (i32.load (i32.const 24)) (i32.const 0))
			      (then
			        (call $write (i32.const 1) (i32.const 1024) (i32.load (i32.const 24)))
			        (br $next)))))
			""";

	private static final String ENDLESS_LOOP = """
			(memory 1)
			(func (export "_start") (loop $forever (br $forever)))
			""";

	private final WasmEngine engine = new WasmEngine();

	@Test
	void echoesStdinToStdout() {
		String json = "{\"url\":\"/echo\",\"body\":\"" + "x".repeat(1000) + "\"}";

		RunResult result = run(ECHO, request(json));

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(result.succeeded()).isTrue();
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).asString(StandardCharsets.UTF_8).isEqualTo(json);
		assertThat(result.detail()).isEmpty();
	}

	@Test
	void reportsATrapWithItsReason() {
		RunResult result = run("(memory 1) (func (export \"_start\") unreachable)", request(""));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.succeeded()).isFalse();
		assertThat(result.detail()).startsWith("trap: ").containsIgnoringCase("unreachable");
	}

	@Test
	void reportsAnOutOfBoundsAccessAsATrap() {
		RunResult result = run("""
				(memory 1)
				(func (export "_start") (drop (i32.load (i32.const 70000))))
				""", request(""));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).contains("out of bounds memory access");
	}

	@Test
	void reportsEndlessRecursionAsATrap() {
		RunResult result = run("""
				(memory 1)
				(func $deeper (call $deeper))
				(func (export "_start") (call $deeper))
				""", request(""));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).isEqualTo("trap: call stack exhausted");
		assertThat(run(ECHO, request("still fine")).stdout()).asString().isEqualTo("still fine");
	}

	@Test
	void treatsProcExitZeroAsCompletedAndKeepsTheOutput() {
		RunResult result = run("""
				(memory 1)
				(data (i32.const 1024) "{\\"data\\":\\"ok\\"}")
				(func (export "_start")
				  (call $write (i32.const 1) (i32.const 1024) (i32.const 13))
				  (call $proc_exit (i32.const 0))
				  unreachable)
				""", request(""));

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).asString().isEqualTo("{\"data\":\"ok\"}");
	}

	@Test
	void reportsANonZeroProcExitWithItsCode() {
		RunResult result = run("""
				(memory 1)
				(data (i32.const 1024) "failing")
				(func (export "_start")
				  (call $write (i32.const 2) (i32.const 1024) (i32.const 7))
				  (call $proc_exit (i32.const 3)))
				""", request(""));

		assertThat(result.status()).isEqualTo(RunStatus.EXITED_WITH_ERROR);
		assertThat(result.exitCode()).isEqualTo(3);
		assertThat(result.detail()).isEqualTo("proc_exit(3)");
		assertThat(result.stderr()).asString().isEqualTo("failing");
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void stopsAModuleThatFloodsStdout() {
		RunResult result = run("""
				(memory 1)
				(func (export "_start")
				  (loop $flood
				    (call $write (i32.const 1) (i32.const 1024) (i32.const 1000))
				    (br $flood)))
				""", new RunRequest(new byte[0], Map.of(), List.of(), 10_500, 100, 1, List.of()));

		assertThat(result.status()).isEqualTo(RunStatus.STDOUT_LIMIT_EXCEEDED);
		assertThat(result.detail()).isEqualTo("stdout exceeded its limit of 10500 bytes");
		assertThat(result.stdout()).hasSize(10_500);
	}

	@Test
	void truncatesStderrSilently() {
		RunResult result = run("""
				(memory 1)
				(func (export "_start") (local $i i32)
				  (loop $more
				    (call $write (i32.const 2) (i32.const 1024) (i32.const 1000))
				    (local.set $i (i32.add (local.get $i) (i32.const 1)))
				    (br_if $more (i32.lt_u (local.get $i) (i32.const 100))))
				  (call $print (i32.const 42)))
				""", new RunRequest(new byte[0], Map.of(), List.of(), 100, 2500, 1, List.of()));

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(result.stderr()).hasSize(2500);
		assertThat(result.stdout()).asString().isEqualTo("42");
	}

	@Test
	void capsMemoryGrowthSoThatGrowFailsAndRefusesAnInitialMemoryAboveTheCap() {
		String growUntilRefused = """
				(memory %s)
				(func (export "_start")
				  (loop $grow
				    (br_if $grow (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
				  (call $print (memory.size))
				  (call $proc_exit (i32.const 12)))
				""";

		RunResult capped = run(growUntilRefused.formatted("1"), pages(8));
		RunResult declaredMaximumBelowCap = run(growUntilRefused.formatted("1 3"), pages(8));
		RunResult initialAboveCap = run(growUntilRefused.formatted("5"), pages(2));

		assertThat(capped.status()).isEqualTo(RunStatus.EXITED_WITH_ERROR);
		assertThat(capped.exitCode()).isEqualTo(12);
		assertThat(capped.stdout()).asString().isEqualTo("8");
		assertThat(declaredMaximumBelowCap.stdout()).asString().isEqualTo("3");
		assertThat(initialAboveCap.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(initialAboveCap.detail())
			.isEqualTo("its initial memory of 5 pages is above its memory cap of 2 pages");
		assertThat(run(ECHO, request("the JVM is fine")).stdout()).asString().isEqualTo("the JVM is fine");
	}

	@Test
	void trapsWhenAModuleUsesMemoryBeyondTheCap() {
		RunResult result = run("""
				(memory 1)
				(func (export "_start")
				  (drop (memory.grow (i32.const 100)))
				  (i32.store (i32.const 1000000) (i32.const 1)))
				""", pages(4));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).contains("out of bounds memory access");
	}

	@Test
	void trapsAReadIntoABufferLargerThanMemoryBeforeAllocatingIt() {
		RunResult result = run("""
				(memory 1)
				(func (export "_start")
				  (i32.store (i32.const 16) (i32.const 1024))
				  (i32.store (i32.const 20) (i32.const 0x7fffffff))
				  (drop (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24))))
				""", request("abc"));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).contains("out of bounds memory access");
	}

	@Test
	void showsOnlyTheGivenEnvironmentVariables() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("GREETING", "hello");
		environment.put("EMPTY", "");

		RunResult result = run("""
				(memory 1)
				(func (export "_start")
				  (drop (call $environ_sizes_get (i32.const 16) (i32.const 20)))
				  (drop (call $environ_get (i32.const 1024) (i32.const 2048)))
				  (call $print (i32.load (i32.const 16)))
				  (call $write (i32.const 1) (i32.const 2048) (i32.load (i32.const 20))))
				""", new RunRequest(new byte[0], environment, List.of(), 1000, 100, 1, List.of()));

		assertThat(result.stdout()).asString().isEqualTo("2GREETING=hello\0EMPTY=\0");
	}

	@Test
	void passesTheArguments() {
		RunResult result = run("""
				(memory 1)
				(func (export "_start")
				  (drop (call $args_sizes_get (i32.const 16) (i32.const 20)))
				  (drop (call $args_get (i32.const 1024) (i32.const 2048)))
				  (call $print (i32.load (i32.const 16)))
				  (call $write (i32.const 1) (i32.const 2048) (i32.load (i32.const 20))))
				""", new RunRequest(new byte[0], Map.of(), List.of("worker.wasm", "--flag"), 1000, 100, 1, List.of()));

		assertThat(result.stdout()).asString().isEqualTo("2worker.wasm\0--flag\0");
	}

	@Test
	void runsEachRequestInAFreshInstance() throws WorkerLoadException {
		WasmProgram program = this.engine.compile("counter", Wat.command("""
				(memory 1)
				(global $runs (mut i32) (i32.const 0))
				(func (export "_start")
				  (global.set $runs (i32.add (global.get $runs) (i32.const 1)))
				  (i32.store (i32.const 1024) (i32.add (i32.load (i32.const 1024)) (i32.const 1)))
				  (call $print (global.get $runs))
				  (call $print (i32.load (i32.const 1024))))
				"""));

		for (int i = 0; i < 3; i++) {
			assertThat(program.run(request("")).stdout()).asString().isEqualTo("11");
		}
	}

	@Test
	void aSegmentDroppedByOneRunIsThereForTheNext() throws WorkerLoadException {
		WasmProgram program = this.engine.compile("dropper", Wat.command("""
				(memory 1)
				(data $greeting "hi")
				(func (export "_start")
				  (memory.init $greeting (i32.const 1024) (i32.const 0) (i32.const 2))
				  (data.drop $greeting)
				  (call $write (i32.const 1) (i32.const 1024) (i32.const 2)))
				"""));

		for (int i = 0; i < 3; i++) {
			RunResult result = program.run(request(""));
			assertThat(result.detail()).isEmpty();
			assertThat(result.stdout()).asString().isEqualTo("hi");
		}
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void runsEachRequestInAFreshInstanceOnManyThreadsAtOnce() throws Exception {
		WasmProgram program = this.engine.compile("counter", Wat.command("""
				(memory 2 4)
				(global $runs (mut i32) (i32.const 0))
				(data (i32.const 1024) "\\29")
				(data (i32.const 70000) "\\07")
				(func (export "_start")
				  (global.set $runs (i32.add (global.get $runs) (i32.const 1)))
				  (i32.store8 (i32.const 1024) (i32.add (i32.load8_u (i32.const 1024)) (i32.const 1)))
				  (drop (memory.grow (i32.const 1)))
				  (i32.store8 (i32.const 70000) (i32.add (i32.load8_u (i32.const 70000)) (i32.const 1)))
				  (call $print (global.get $runs))
				  (call $print (i32.load8_u (i32.const 1024)))
				  (call $print (memory.size))
				  (call $print (i32.load8_u (i32.const 70000))))
				"""));
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<String>>> outputs = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				outputs.add(threads.submit(() -> {
					List<String> seen = new ArrayList<>();
					for (int run = 0; run < 250; run++) {
						seen.add(new String(program.run(request("")).stdout(), StandardCharsets.UTF_8));
					}
					return seen;
				}));
			}
			for (Future<List<String>> output : outputs) {
				assertThat(output.get()).hasSize(250).containsOnly("14238");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void givesEachInstanceItsOwnTable() throws WorkerLoadException {
		WasmProgram program = this.engine.compile("table", Wat.command("""
				(memory 1)
				(table 1 funcref)
				(func (export "_start")
				  (drop (table.grow (ref.null func) (i32.const 1)))
				  (call $print (table.size)))
				"""));

		for (int i = 0; i < 3; i++) {
			assertThat(program.run(request("")).stdout()).asString().isEqualTo("2");
		}
	}

	@Test
	void capsTableGrowth() {
		RunResult result = run("""
				(memory 1)
				(table 1 funcref)
				(func (export "_start")
				  (call $print (i32.add (i32.const 1) (table.grow (ref.null func) (i32.const 200000))))
				  (call $print (table.grow (ref.null func) (i32.const 1000))))
				""", request(""));

		assertThat(result.stdout()).asString().isEqualTo("01");
	}

	@Test
	void refusesATableGrowthByAHugeDeltaWithoutTrapping() {
		RunResult result = run("""
				(memory 1)
				(table 1 funcref)
				(func (export "_start")
				  (call $print (i32.add (i32.const 1) (table.grow (ref.null func) (i32.const 0x7fffffff))))
				  (call $print (i32.add (i32.const 1) (table.grow (ref.null func) (i32.const 0xffffffff))))
				  (call $print (table.size)))
				""", request(""));

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(result.stdout()).asString().isEqualTo("001");
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void stopsWhenTheThreadIsInterruptedAndLeavesTheFlagSet() throws Exception {
		WasmProgram program = this.engine.compile("loop", Wat.command(ENDLESS_LOOP));
		AtomicReference<RunResult> result = new AtomicReference<>();
		AtomicBoolean flagAfterRun = new AtomicBoolean();
		Thread runner = new Thread(() -> {
			result.set(program.run(request("")));
			flagAfterRun.set(Thread.currentThread().isInterrupted());
		});

		runner.start();
		Thread.sleep(100);
		runner.interrupt();
		runner.join();

		assertThat(result.get().status()).isEqualTo(RunStatus.INTERRUPTED);
		assertThat(result.get().detail()).isEqualTo("interrupted");
		assertThat(flagAfterRun).isTrue();
	}

	private RunResult run(String fields, RunRequest request) {
		try {
			return this.engine.compile("test", Wat.command(fields)).run(request);
		}
		catch (WorkerLoadException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static RunRequest request(String stdin) {
		return new RunRequest(stdin.getBytes(StandardCharsets.UTF_8), Map.of(), List.of(), 1 << 20, 1 << 16, 16,
				List.of());
	}

	private static RunRequest pages(int maxMemoryPages) {
		return new RunRequest(new byte[0], Map.of(), List.of(), 1000, 1000, maxMemoryPages, List.of());
	}

}
