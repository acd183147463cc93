package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import dev.wasmworkers.http.HttpAllowList;
import dev.wasmworkers.http.LoopbackServer;
import dev.wasmworkers.http.OutboundHttp;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * The attack of issue 11, point 2, in a JVM of its own so that its first outbound request
 * is the JVM's first: a worker recurses to just short of its thread's stack, then makes a
 * host call (an outbound request, file operations, a write to stderr), at every third
 * depth of the 3,000 below the deepest recursion that returns (measured again before each
 * series), 1,000 runs per series, one series per kind of call, or up to 3 when no run of
 * a series reached the stack's end; then another worker sends an outbound request, and
 * the deep worker works on files again from a shallow depth.
 *
 * <p>
 * Arguments: the folder of the test workers, and a folder to mount at {@code /data}.
 * Prints, for each call, {@code deepest: <depth>} and {@code <op>: <outcome>=<runs>, ...}
 * (the outcome is the worker's answer or the run's failure), then
 * {@code healthy fetch: <answer>} and {@code shallow file: <answer>}.
 */
public final class DeepRecursionAttack {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int RUNS = 1000;

	private static final int STRIDE = 3;

	private static final int SERIES = 3;

	/** How a run that ran out of stack ends. */
	static final String STACK_EXHAUSTED = "trap: call stack exhausted";

	private final WasmProgram deepCall;

	private final WasmProgram fetch;

	private final OutboundHttp outboundHttp;

	private final MountedFolder data;

	private final String target;

	private DeepRecursionAttack(Path testWorkers, Path mount, LoopbackServer server) throws Exception {
		WasmEngine engine = new WasmEngine();
		this.deepCall = engine.compile("deep-call", Files.readAllBytes(testWorkers.resolve("deep-call.wasm")));
		this.fetch = engine.compile("fetch", Files.readAllBytes(testWorkers.resolve("fetch.wasm")));
		this.outboundHttp = new OutboundHttpClient(
				new OutboundHttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1 << 16, 5))
			.forWorker("deep-call", new HttpAllowList(Set.of("127.0.0.1"), HttpAllowList.DEFAULT_METHODS, true));
		this.data = MountedFolder.of(mount, "/data");
		this.target = server.uri("/echo");
	}

	public static void main(String[] args) throws Exception {
		try (LoopbackServer server = new LoopbackServer()) {
			DeepRecursionAttack attack = new DeepRecursionAttack(Path.of(args[0]), Path.of(args[1]), server);
			AtomicReference<Throwable> failure = new AtomicReference<>();
			// A thread with the JVM's default stack size, as the worker threads have.
			Thread worker = new Thread(null, () -> {
				try {
					attack.attack();
				}
				catch (Throwable ex) {
					failure.set(ex);
				}
			}, "wasm-worker-attack", 0);
			worker.start();
			worker.join();
			if (failure.get() != null) {
				failure.get().printStackTrace(System.out);
				System.exit(1);
			}
		}
	}

	private void attack() {
		warmUp();
		for (String op : List.of("fetch", "file", "write")) {
			Map<String, Integer> outcomes = new TreeMap<>();
			// Measured again before each series: the JIT may have recompiled the
			// recursion since, changing how deep it gets. When it does so during a
			// series, the series may never reach the stack's end; it is then run again,
			// up to SERIES times, and the outcomes of every series are printed.
			for (int series = 0; series < SERIES && !outcomes.containsKey(STACK_EXHAUSTED); series++) {
				int deepest = deepestReturningDepth();
				System.out.println("deepest: " + deepest);
				for (int run = 0; run < RUNS; run++) {
					outcomes.merge(outcome(deep(deepest - run * STRIDE, op)), 1, Integer::sum);
				}
			}
			System.out.println(op + ": " + outcomes);
		}
		RunResult healthy = this.fetch.run(request("/fetch", "{\"uri\":\"" + this.target + "\"}"));
		System.out.println("healthy fetch: " + outcome(healthy));
		System.out.println("shallow file: " + outcome(deep(10, "file")));
	}

	/** Runs the recursion until its code is compiled, shallow and to the stack's end. */
	private void warmUp() {
		for (int i = 0; i < 300; i++) {
			deep((i % 2 == 0) ? 2_000 : 1_000_000, "none");
		}
	}

	/**
	 * The deepest recursion that still returns now: the deepest depth that works, by
	 * bisection.
	 */
	private int deepestReturningDepth() {
		int low = 0;
		int high = 1_000_000;
		while (low < high) {
			int middle = (low + high + 1) / 2;
			if (deep(middle, "none").succeeded()) {
				low = middle;
			}
			else {
				high = middle - 1;
			}
		}
		return low;
	}

	private RunResult deep(int depth, String op) {
		return this.deepCall.run(request("/deep-call?depth=" + Math.max(0, depth) + "&op=" + op, this.target));
	}

	private RunRequest request(String path, String body) {
		String input = "{\"url\":\"http://localhost" + path + "\",\"method\":\"POST\",\"headers\":{},\"body\":"
				+ quoted(body) + ",\"kv\":{},\"params\":{}}";
		return new RunRequest(input.getBytes(StandardCharsets.UTF_8), Map.of(), List.of(), 1 << 16, 1 << 12, 16,
				List.of(this.data), this.outboundHttp);
	}

	/** The worker's answer ({@code data}), or why the run failed. */
	private static String outcome(RunResult result) {
		if (!result.succeeded()) {
			return result.detail();
		}
		return JSON.readTree(result.stdout()).get("data").asString();
	}

	private static String quoted(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
