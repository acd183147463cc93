package dev.wasmworkers.engine.python;

import java.util.ArrayList;
import java.util.List;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import dev.wasmworkers.engine.wasi.Preopen;
import dev.wasmworkers.engine.wasi.RunBindings;
import dev.wasmworkers.engine.wasi.WasiContext;
import dev.wasmworkers.engine.wasi.WasiImports;

/**
 * The imports of the runtime's instances: the engine's own WASI, whose host functions are
 * created once per JVM and find each instance's {@link WasiContext} through its binding,
 * and the instance's {@code trino.return_error}.
 *
 * <p>
 * The runtime sees no environment and no arguments (it was initialised with its own, and
 * the worker's variables are set by the shim) and one preopened folder, its
 * {@link GuestFolder}, with the same caps and checks as every other run.
 */
final class PythonImports {

	private static final RunBindings<WasiContext> runs = new RunBindings<>();

	private static final List<HostFunction> wasi = WasiImports.functions(runs::contextOf);

	private PythonImports() {
	}

	/** The imports of one instance, reporting guest exceptions to {@code error}. */
	static ImportValues of(GuestError error) {
		return ImportValues.builder()
			.withFunctions(new ArrayList<ImportFunction>(wasi))
			.addFunction(error.function())
			.build();
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
	 * Binds an instance to its WASI context until the binding is closed, which must
	 * happen however the run ends.
	 */
	static RunBindings<WasiContext>.Binding bind(Instance instance, WasiContext context) {
		return runs.bind(instance, context);
	}

}
