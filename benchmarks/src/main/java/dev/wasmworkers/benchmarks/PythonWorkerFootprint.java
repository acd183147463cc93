package dev.wasmworkers.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.runtime.python.PythonRuntime;

/**
 * What Python workers cost besides their requests, in a fresh JVM: starting the runtime,
 * loading each worker (its snapshot), the first request after that, and the heap each
 * additional worker keeps.
 *
 * <p>
 * Run from the repository root:
 * {@code java -XX:-DontCompileHugeMethods -cp benchmarks/target/benchmarks.jar dev.wasmworkers.benchmarks.PythonWorkerFootprint [workers] [count]}
 * (defaults {@code sample-app/workers} and 10). It loads {@code python/hello.py}
 * {@code count} times as that many workers.
 */
public final class PythonWorkerFootprint {

	private PythonWorkerFootprint() {
	}

	/**
	 * Measures and prints the figures.
	 * @param args the folder of the example workers and the number of workers to load
	 * @throws Exception when a worker cannot be loaded or run
	 */
	public static void main(String[] args) throws Exception {
		Path workers = Path.of((args.length > 0) ? args[0] : "sample-app/workers");
		int count = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		PythonRuntime runtime = new PythonRuntime();
		RunRequest request = BenchmarkWorkers
			.runRequest(new WorkerProtocol().encode(BenchmarkWorkers.getInput("http://localhost:8080/python/hello")));

		long started = System.nanoTime();
		List<WasmProgram> loaded = new ArrayList<>();
		loaded.add(load(runtime, workers));
		long firstLoaded = System.nanoTime();
		BenchmarkWorkers.check(loaded.get(0).run(request));
		long firstAnswered = System.nanoTime();
		System.out.printf("runtime start + first worker load: %d ms (the worker's own load: %d ms)%n",
				millis(firstLoaded - started), loaded.get(0).compileTime().toMillis());
		System.out.printf("first request after that: %d ms%n", millis(firstAnswered - firstLoaded));

		long heapBefore = usedHeapAfterGc();
		long loadsStarted = System.nanoTime();
		for (int i = 1; i < count; i++) {
			loaded.add(load(runtime, workers));
		}
		long loadsEnded = System.nanoTime();
		long heapAfter = usedHeapAfterGc();
		for (WasmProgram program : loaded) {
			BenchmarkWorkers.check(program.run(request));
		}
		System.out.printf("load per additional worker: %d ms (mean of %d)%n",
				millis((loadsEnded - loadsStarted) / (count - 1)), count - 1);
		System.out.printf("heap per additional worker: %.1f MiB (mean of %d, used heap after GC %d -> %d MiB)%n",
				(heapAfter - heapBefore) / (count - 1) / 1048576.0, count - 1, heapBefore >> 20, heapAfter >> 20);
	}

	private static WasmProgram load(PythonRuntime runtime, Path workers) throws IOException, WorkerLoadException {
		return BenchmarkWorkers.load(runtime, workers, "python/hello.py", "/python/hello");
	}

	private static long usedHeapAfterGc() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	private static long millis(long nanos) {
		return nanos / 1_000_000;
	}

}
