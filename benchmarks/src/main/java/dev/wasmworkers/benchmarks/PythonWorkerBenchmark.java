package dev.wasmworkers.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.runtime.python.PythonRuntime;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One Python worker invocation as served: a fresh CPython instance started from the
 * worker's snapshot (taken once at set-up), its memory copying a page on first write, the
 * request JSON on stdin.
 *
 * <p>
 * The baseline is the same as {@link WorkerInvocationBenchmark}'s, measured in the same
 * run, so that the figures can be read as a ratio on a shared, noisy machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = { "-XX:-DontCompileHugeMethods", "-XX:-UseOnStackReplacement" })
public class PythonWorkerBenchmark {

	/** Folder holding the example workers, relative to the working directory. */
	@Param("sample-app/workers")
	public String workers;

	private WasmProgram baseline;

	private WasmProgram hello;

	private WasmProgram echo;

	private RunRequest request;

	/** Loads the workers once and checks that each one answers. */
	@Setup
	public void setUp() throws IOException, WorkerLoadException {
		this.baseline = BenchmarkWorkers.baseline(new WasmEngine());
		PythonRuntime runtime = new PythonRuntime();
		this.hello = BenchmarkWorkers.load(runtime, Path.of(this.workers), "python/hello.py", "/python/hello");
		this.echo = BenchmarkWorkers.load(runtime, Path.of(this.workers), "python/echo.py", "/python/echo");
		this.request = BenchmarkWorkers
			.runRequest(new WorkerProtocol().encode(BenchmarkWorkers.getInput("http://localhost:8080/python/hello")));
		BenchmarkWorkers.check(this.baseline.run(this.request));
		BenchmarkWorkers.check(this.hello.run(this.request));
		BenchmarkWorkers.check(this.echo.run(this.request));
	}

	/** The smallest worker, as the baseline of the same run. */
	@Benchmark
	public RunResult baselineMinimalWorker() {
		return this.baseline.run(this.request);
	}

	/** The Python hello worker ({@code sample-app/workers/python/hello.py}). */
	@Benchmark
	public RunResult pythonHelloWorker() {
		return this.hello.run(this.request);
	}

	/**
	 * The Python echo worker: the request's fields and headers back as JSON with
	 * {@code json.dumps}.
	 */
	@Benchmark
	public RunResult pythonEchoWorker() {
		return this.echo.run(this.request);
	}

}
