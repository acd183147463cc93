package dev.wasmworkers.benchmarks;

import java.io.IOException;
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
import dev.wasmworkers.runtime.JavaScriptRuntime;
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
 * One JavaScript worker invocation as served: a fresh QuickJS engine instance (restored
 * from the engine image), the worker's bytecode compiled once at set-up, the request JSON
 * on stdin.
 *
 * <p>
 * The baseline is the same as {@link WorkerInvocationBenchmark}'s (a WAT module that only
 * writes a fixed output), measured in the same run, so that the figures can be read as a
 * ratio on a shared, noisy machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10, time = 4)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = { "-XX:-DontCompileHugeMethods", "-XX:-UseOnStackReplacement" })
public class JsWorkerBenchmark {

	/** Folder holding the example workers, relative to the working directory. */
	@Param("sample-app/workers")
	public String workers;

	private final WorkerProtocol protocol = new WorkerProtocol();

	private WasmProgram baseline;

	private WasmProgram hello;

	private WasmProgram api;

	private WorkerInput input;

	private RunRequest request;

	/** Compiles the workers once and checks that each one answers. */
	@Setup
	public void setUp() throws IOException, WorkerLoadException {
		this.baseline = BenchmarkWorkers.baseline(new WasmEngine());
		JavaScriptRuntime runtime = new JavaScriptRuntime();
		this.hello = BenchmarkWorkers.load(runtime, Path.of(this.workers), "js/hello.js", "/js/hello");
		this.api = BenchmarkWorkers.load(runtime, Path.of(this.workers), "js/api.js", "/js/api");
		this.input = BenchmarkWorkers.getInput("http://localhost:8080/js/hello");
		this.request = BenchmarkWorkers.runRequest(this.protocol.encode(this.input));
		BenchmarkWorkers.check(this.baseline.run(this.request));
		BenchmarkWorkers.check(this.hello.run(this.request));
		BenchmarkWorkers.check(this.api.run(this.request));
	}

	/** The smallest worker, as the baseline of the same run. */
	@Benchmark
	public RunResult baselineMinimalWorker() {
		return this.baseline.run(this.request);
	}

	/**
	 * The JavaScript hello worker ({@code addEventListener("fetch", ...)}): fresh engine
	 * instance, request bytes on stdin, output captured.
	 */
	@Benchmark
	public RunResult jsHelloWorker() {
		return this.hello.run(this.request);
	}

	/**
	 * The JavaScript hello worker with the protocol around it, as the invoker runs it.
	 */
	@Benchmark
	public HttpReply jsHelloWorkerWithProtocol() throws InvalidWorkerOutputException {
		RunResult result = this.hello.run(BenchmarkWorkers.runRequest(this.protocol.encode(this.input)));
		return WorkerReplies.decode(this.protocol.decode(result.stdout()));
	}

	/**
	 * The JSON API worker ({@code export default { async fetch }}, {@code URL},
	 * {@code Response.json}).
	 */
	@Benchmark
	public RunResult jsApiWorker() {
		return this.api.run(this.request);
	}

}
