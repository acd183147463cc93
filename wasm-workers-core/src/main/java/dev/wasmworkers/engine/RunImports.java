package dev.wasmworkers.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.runtime.Instance;
import dev.wasmworkers.engine.wasi.HostCallWarmUp;
import dev.wasmworkers.engine.wasi.RunBindings;
import dev.wasmworkers.engine.wasi.WasiImports;

/**
 * The host functions of every run, created once per JVM, and the binding of each run's
 * instance to its {@link RunContext} through which they find it.
 *
 * <p>
 * A program builds its {@link ImportValues} once with {@link #forModule(WasmModule)} or
 * {@link #forJavaScript()}; a run builds its instance with them, then calls the guest
 * inside {@code try (RunBindings.Binding bound = RunImports.bind(instance, context))}.
 * The first use of this class loads and initialises what the host calls use (see
 * {@link HostCallWarmUp}), so do it at start-up.
 */
final class RunImports {

	private static final RunBindings<RunContext> runs = new RunBindings<>();

	private static final List<HostFunction> wasi = WasiImports.functions((instance) -> runs.contextOf(instance).wasi());

	private static final HostFunction outboundHttp = OutboundHttpImport
		.function((instance) -> runs.contextOf(instance).outboundHttp());

	private static final HostFunction javaScript = JavaScriptHostCalls
		.function((instance) -> runs.contextOf(instance).requireJavaScript());

	static {
		HostCallWarmUp.run();
		OutboundHttpThreads.warmUp();
	}

	private RunImports() {
	}

	/**
	 * The imports of a WebAssembly worker: the host functions it imports, and no others,
	 * so that building each run's instance matches only those.
	 */
	static ImportValues forModule(WasmModule module) {
		Set<String> imported = module.importSection()
			.stream()
			.filter((declared) -> declared.importType() == ExternalType.FUNCTION)
			.map((declared) -> declared.module() + '\0' + declared.name())
			.collect(Collectors.toSet());
		List<ImportFunction> functions = forWorkers().stream()
			.filter((function) -> imported.contains(function.module() + '\0' + function.name()))
			.collect(Collectors.toCollection(ArrayList::new));
		return ImportValues.builder().withFunctions(functions).build();
	}

	/** The imports of the JavaScript engine: WASI and {@code chicory.invoke}. */
	static ImportValues forJavaScript() {
		return ImportValues.builder()
			.withFunctions(new ArrayList<ImportFunction>(wasi))
			.addFunction(javaScript)
			.build();
	}

	/**
	 * Every host function a WebAssembly worker may import, to check its imports against.
	 */
	static List<HostFunction> forWorkers() {
		List<HostFunction> functions = new ArrayList<>(wasi);
		functions.add(outboundHttp);
		return functions;
	}

	/**
	 * Binds a run's instance to its context until the binding is closed, which must
	 * happen however the run ends.
	 */
	static RunBindings<RunContext>.Binding bind(Instance instance, RunContext context) {
		return runs.bind(instance, context);
	}

}
