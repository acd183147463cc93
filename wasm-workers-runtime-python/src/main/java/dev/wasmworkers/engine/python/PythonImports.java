package dev.wasmworkers.engine.python;

import java.util.ArrayList;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import dev.wasmworkers.engine.wasi.Preopen;
import dev.wasmworkers.engine.wasi.RunBindings;
import dev.wasmworkers.engine.wasi.WasiContext;
import dev.wasmworkers.engine.wasi.WasiImports;

/**
 * The imports of the runtime's instances, created once per JVM: the engine's own WASI and
 * {@code trino.return_error}, whose host functions find each instance's {@link PythonRun}
 * through its binding.
 *
 * <p>
 * The runtime sees no environment and no arguments (it was initialised with its own, and
 * the worker's variables are set by the shim) and one preopened folder, its
 * {@link GuestFolder}, with the same caps and checks as every other run.
 */
final class PythonImports {

	private static final RunBindings<PythonRun> runs = new RunBindings<>();

	private static final ImportValues imports = ImportValues.builder()
		.withFunctions(
				new ArrayList<ImportFunction>(WasiImports.functions((instance) -> runs.contextOf(instance).wasi())))
		.addFunction(GuestError.function((instance) -> runs.contextOf(instance).error()))
		.build();

	private PythonImports() {
	}

	/** The imports of every instance. */
	static ImportValues imports() {
		return imports;
	}

	/** The WASI context of one instance: its stdin, output caps and guest folder. */
	static WasiContext context(byte[] stdin, int stdoutLimit, int stderrLimit, Preopen guestFolder, int maxOpenFiles,
			long maxDiskWrite) {
		return WasiContext.builder()
			.stdin(stdin)
			.stdoutLimit(stdoutLimit)
			.stderrLimit(stderrLimit)
			.preopen(guestFolder)
			.maxOpenFiles(maxOpenFiles)
			.maxDiskWrite(maxDiskWrite)
			.build();
	}

	/**
	 * Binds an instance to its run until the binding is closed, which must happen however
	 * the run ends.
	 */
	static RunBindings<PythonRun>.Binding bind(Instance instance, PythonRun run) {
		return runs.bind(instance, run);
	}

}
