package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The machine factory of a module whose classes came from the {@link CompileCache}, which
 * defines those classes in the JVM when the first instance needs its machine rather than
 * when the worker is loaded: a start with many workers does not define (and verify) the
 * classes of workers before they are called.
 *
 * <p>
 * The classes were checked intact when they were read. Should the JVM still refuse them,
 * every run of the worker fails with that reason, as a run that traps does.
 */
final class ClassesOnFirstRun implements Function<Instance, Machine> {

	private final String workerName;

	private final WasmModule module;

	private byte @Nullable [] classes;

	private volatile @Nullable Function<Instance, Machine> factory;

	private @Nullable IllegalStateException failure;

	ClassesOnFirstRun(String workerName, WasmModule module, byte[] classes) {
		this.workerName = workerName;
		this.module = module;
		this.classes = classes;
	}

	@Override
	public Machine apply(Instance instance) {
		Function<Instance, Machine> defined = this.factory;
		return ((defined != null) ? defined : define()).apply(instance);
	}

	private synchronized Function<Instance, Machine> define() {
		Function<Instance, Machine> defined = this.factory;
		if (defined != null) {
			return defined;
		}
		if (this.failure != null) {
			throw this.failure;
		}
		try {
			defined = ModuleCompiler.load(this.module, Objects.requireNonNull(this.classes));
		}
		catch (RuntimeException | LinkageError ex) {
			this.failure = new IllegalStateException("the classes of worker '" + this.workerName
					+ "' kept in the compile cache cannot be loaded (" + ex + "); delete the compile cache folder and"
					+ " restart, so that the module is compiled again", ex);
			throw this.failure;
		}
		this.classes = null;
		this.factory = defined;
		return defined;
	}

}
