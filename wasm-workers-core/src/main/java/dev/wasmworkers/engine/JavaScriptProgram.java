package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A JavaScript worker compiled to QuickJS bytecode once, run in a fresh engine instance
 * per request.
 *
 * <p>
 * A run succeeds when the worker wrote its response on stdout and reported no failure. It
 * fails (as {@link RunStatus#TRAPPED}) when the worker's code reported one through the
 * {@code wws.fail} host function (an exception thrown by the handler, a handler that
 * answered no {@code Response}), when an exception escaped while the module was evaluated
 * (the plugin panics; the panic in stderr is replaced by the exception and its stack),
 * when QuickJS ran out of memory, and when the worker answered nothing at all (its
 * handler's promise never settled). Interruption and stdout overflow are reported as for
 * every program.
 */
final class JavaScriptProgram implements WasmProgram {

	private final JavaScriptEngine engine;

	private final String fileName;

	private final int firstLineShift;

	private final byte[] bytecode;

	private final Duration compileTime;

	JavaScriptProgram(JavaScriptEngine engine, String fileName, int firstLineShift, byte[] bytecode,
			Duration compileTime) {
		this.engine = engine;
		this.fileName = fileName;
		this.firstLineShift = firstLineShift;
		this.bytecode = bytecode;
		this.compileTime = compileTime;
	}

	@Override
	public RunResult run(RunRequest request) {
		if (!this.engine.fitsIn(request.maxMemoryPages())) {
			return new RunResult(RunStatus.TRAPPED, 0, new byte[0], new byte[0],
					"the JavaScript engine needs " + this.engine.requiredPages()
							+ " pages (64 KiB each) of memory, but the limit is " + request.maxMemoryPages());
		}
		JavaScriptEngine.Run run;
		try {
			run = this.engine.newRun(request.stdin(), request.environment(), request.maxMemoryPages(),
					request.stdoutLimit(), request.stderrLimit(), request.outboundHttp());
		}
		catch (RuntimeException | StackOverflowError ending) {
			return RunOutcomes.ended(ending, new byte[0], new byte[0]);
		}
		try (run) {
			QuickJs.evaluate(run.instance, this.bytecode);
			return completed(run);
		}
		catch (RuntimeException | StackOverflowError ending) {
			return ended(run, ending);
		}
	}

	@Override
	public Duration compileTime() {
		return this.compileTime;
	}

	@Override
	public int requiredMemoryPages() {
		return this.engine.requiredPages();
	}

	private RunResult completed(JavaScriptEngine.Run run) {
		byte[] stdout = run.stdout();
		byte[] stderr = run.stderr();
		@Nullable String failure = run.hostCalls.failure();
		if (failure != null) {
			return new RunResult(RunStatus.TRAPPED, 0, stdout, stderr, failure);
		}
		if (stdout.length == 0) {
			return new RunResult(RunStatus.TRAPPED, 0, stdout, stderr,
					"the worker answered nothing: its handler's promise never settled");
		}
		return RunOutcomes.completed(stdout, stderr);
	}

	private RunResult ended(JavaScriptEngine.Run run, Throwable ending) {
		byte[] stdout = run.stdout();
		String stderr = run.stderrText();
		Optional<JavyPanic> panic = JavyPanic.find(stderr);
		if (panic.isPresent()) {
			JavyPanic error = panic.get();
			String stack = JavaScriptEngine.describeStack(error.stack(), this.fileName, this.firstLineShift);
			// The error's own position can be in other code, such as the text JSON.parse
			// read: the first frame in the worker says where it was thrown.
			Matcher frame = Pattern.compile("\\((" + Pattern.quote(this.fileName) + ":\\d+:\\d+)\\)").matcher(stack);
			String location = frame.find() ? " (" + frame.group(1) + ")" : "";
			String uncaught = "Uncaught " + error.message() + location + (stack.isEmpty() ? "" : "\n" + stack) + "\n";
			String rewritten = stderr.substring(0, error.start()) + uncaught + stderr.substring(error.end());
			return new RunResult(RunStatus.TRAPPED, 0, stdout, rewritten.getBytes(StandardCharsets.UTF_8),
					"uncaught exception: " + error.message() + location);
		}
		if (JavyPanic.outOfMemory(stderr) || ending instanceof QuickJs.OutOfMemoryInGuestException) {
			return new RunResult(RunStatus.TRAPPED, 0, stdout, run.stderr(),
					"out of memory: the worker needs more than its memory limit");
		}
		return RunOutcomes.ended(ending, stdout, run.stderr());
	}

}
