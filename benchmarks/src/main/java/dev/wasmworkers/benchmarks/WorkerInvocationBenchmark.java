package dev.wasmworkers.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.InvalidWorkerOutputException;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.protocol.WorkerReplies;
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
 * One worker invocation as served: a fresh instance of a module compiled once, the
 * request JSON on stdin.
 *
 * <p>
 * The baseline is the smallest possible worker (a WAT module that only writes a fixed
 * output), run the same way, so that the C hello worker's figure can be read as a ratio
 * on a shared, noisy machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-XX:-DontCompileHugeMethods")
public class WorkerInvocationBenchmark {

	/** Folder holding the example workers, relative to the working directory. */
	@Param("sample-app/workers")
	public String workers;

	private final WorkerProtocol protocol = new WorkerProtocol();

	private WasmProgram baseline;

	private WasmProgram hello;

	private WorkerInput input;

	private RunRequest request;

	/** Compiles the workers once and checks that each one answers. */
	@Setup
	public void setUp() throws IOException, WorkerLoadException {
		WasmEngine engine = new WasmEngine();
		this.baseline = BenchmarkWorkers.baseline(engine);
		this.hello = engine.compile("hello.wasm", Files.readAllBytes(Path.of(this.workers, "hello.wasm")));
		this.input = BenchmarkWorkers.getInput("http://localhost:8080/hello");
		this.request = BenchmarkWorkers.runRequest(this.protocol.encode(this.input));
		BenchmarkWorkers.check(this.baseline.run(this.request));
		BenchmarkWorkers.check(this.hello.run(this.request));
	}

	/** The smallest worker, as the baseline of the same run. */
	@Benchmark
	public RunResult baselineMinimalWorker() {
		return this.baseline.run(this.request);
	}

	/** The C hello worker: fresh instance, request bytes on stdin, output captured. */
	@Benchmark
	public RunResult cHelloWorker() {
		return this.hello.run(this.request);
	}

	/**
	 * The C hello worker with the protocol around it: encode the input, run, decode and
	 * map the reply.
	 */
	@Benchmark
	public HttpReply cHelloWorkerWithProtocol() throws InvalidWorkerOutputException {
		RunResult result = this.hello.run(BenchmarkWorkers.runRequest(this.protocol.encode(this.input)));
		return WorkerReplies.decode(this.protocol.decode(result.stdout()));
	}

}
