package dev.wasmworkers.engine.python;

import com.dylibso.chicory.runtime.Instance;
import dev.wasmworkers.engine.RunOutcomes;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.RunStatus;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;
import dev.wasmworkers.engine.wasi.Preopen;
import dev.wasmworkers.engine.wasi.RunBindings;
import dev.wasmworkers.engine.wasi.WasiContext;
import java.time.Duration;

/**
 * One Python worker, loaded: its snapshot, from which each request starts a fresh
 * instance of the runtime.
 *
 * <p>
 * A run succeeds when the shim wrote the response on stdout. It fails (as
 * {@link RunStatus#TRAPPED}) when the worker raised an exception, its traceback being in
 * stderr, with the detail {@code uncaught exception: <message>}, or {@code out of memory}
 * for a {@code MemoryError}. Interruption and stdout overflow are reported as for every
 * program.
 */
final class PythonProgram implements WasmProgram {

	private static final int PAGE_SIZE = 65536;

	private final PythonEngine engine;

	private final Preopen guestFolder;

	private final MemoryImage snapshot;

	private final long[] globals;

	private final int serveArguments;

	private final Duration loadTime;

	PythonProgram(PythonEngine engine, Preopen guestFolder, MemoryImage snapshot, long[] globals, int serveArguments,
			Duration loadTime) {
		this.engine = engine;
		this.guestFolder = guestFolder;
		this.snapshot = snapshot;
		this.globals = globals;
		this.serveArguments = serveArguments;
		this.loadTime = loadTime;
	}

	@Override
	public RunResult run(RunRequest request) {
		if (request.maxMemoryPages() < this.snapshot.pages()) {
			return new RunResult(RunStatus.TRAPPED, 0, new byte[0], new byte[0],
					"the Python worker needs " + this.snapshot.pages()
							+ " pages (64 KiB each) of memory, but the limit is " + request.maxMemoryPages());
		}
		WasiContext wasi = PythonImports.context(request.stdin(), request.stdoutLimit(), request.stderrLimit(),
				this.guestFolder, request.maxOpenFiles(), request.maxDiskWrite());
		GuestError error = new GuestError();
		Instance instance = null;
		try {
			instance = this.engine.instantiate(this.snapshot, request.maxMemoryPages());
			for (int i = 0; i < this.globals.length; i++) {
				instance.global(i).setValue(this.globals[i]);
			}
			try (RunBindings<PythonRun>.Binding bound = PythonImports.bind(instance, new PythonRun(wasi, error))) {
				GuestAbi.execute(instance, this.serveArguments);
			}
			String message = error.message();
			if (message != null) {
				String detail = message.contains("MemoryError")
						? "out of memory: the worker needs more than its memory limit"
						: "uncaught exception: " + message;
				return new RunResult(RunStatus.TRAPPED, 0, wasi.stdout(), wasi.stderr(), detail);
			}
			return RunOutcomes.completed(wasi.stdout(), wasi.stderr());
		}
		catch (RuntimeException | StackOverflowError ending) {
			return RunOutcomes.ended(ending, wasi.stdout(), wasi.stderr());
		}
		finally {
			wasi.close();
			CopyOnWriteMemory.releaseMemoryOf(instance);
		}
	}

	@Override
	public Duration compileTime() {
		return this.loadTime;
	}

	/**
	 * How many bytes of the snapshot are the worker's own, not shared with the runtime
	 * image.
	 * @return the number of bytes
	 */
	long ownBytes() {
		return (long) this.snapshot.pages() * PAGE_SIZE - this.engine.sharedBytes(this.snapshot);
	}

}
