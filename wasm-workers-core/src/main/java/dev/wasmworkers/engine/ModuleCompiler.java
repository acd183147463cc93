package dev.wasmworkers.engine;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a module to JVM bytecode once, or loads the classes an earlier start kept in
 * the {@link CompileCache}; functions too large for a JVM method run in Chicory's
 * interpreter, with a warning naming the worker.
 */
final class ModuleCompiler {

	/** How Chicory's compiler names the function it found too large. */
	private static final Pattern TOO_LARGE = Pattern.compile("WASM function index: (\\d+)");

	private static final Logger logger = LoggerFactory.getLogger(ModuleCompiler.class);

	private ModuleCompiler() {
	}

	/**
	 * Returns the machine factory every instance of the module shares.
	 *
	 * <p>
	 * Functions certainly too large for a JVM method ({@link OversizedFunctions}) go to
	 * the interpreter without being compiled. Any other function that turns out too large
	 * is added to them and the module compiled again (Chicory's own fallback would print
	 * its warning on stderr without the worker's name); the interpreted functions are
	 * logged once.
	 */
	static Function<Instance, Machine> compile(String workerName, WasmModule module, CompileCache cache,
			@Nullable String key) {
		Set<Integer> interpreted = new TreeSet<>(OversizedFunctions.of(module));
		while (true) {
			try {
				Function<Instance, Machine> factory = compile(module, interpreted, cache.classes(key, interpreted));
				if (!interpreted.isEmpty()) {
					logger.warn("Worker '{}' has functions too large to compile to JVM bytecode (function indexes {},"
							+ " each over the JVM's {} bytes per method); they run in Chicory's much slower"
							+ " interpreter.", workerName, interpreted, OversizedFunctions.JVM_METHOD_LIMIT);
				}
				return factory;
			}
			catch (ChicoryException ex) {
				Matcher tooLarge = TOO_LARGE.matcher(String.valueOf(ex.getMessage()));
				if (!tooLarge.find() || !interpreted.add(Integer.valueOf(tooLarge.group(1)))) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Returns the machine factory of a module whose functions were all compiled before,
	 * from their classes.
	 * @param module the module, its bodies possibly replaced by {@link CodeStubs}; it
	 * must have a digest, without which Chicory's compiler would not read the classes
	 * @param classes the classes, as the {@link CompileCache} keeps them
	 * @return the factory
	 */
	static Function<Instance, Machine> load(WasmModule module, byte[] classes) {
		if (module.digest() == null) {
			throw new IllegalArgumentException("a module without a digest is compiled, not loaded");
		}
		return MachineFactoryCompiler.builder(module)
			.withInterpreterFallback(InterpreterFallback.FAIL)
			.withCache(new Cache() {

				@Override
				public byte[] get(String digest) {
					return classes;
				}

				@Override
				public void putIfAbsent(String digest, byte[] data) {
					// Never called: get always answers.
				}

			})
			.compile();
	}

	private static Function<Instance, Machine> compile(WasmModule module, Set<Integer> interpreted,
			@Nullable Cache classes) {
		MachineFactoryCompiler.Builder compiler = MachineFactoryCompiler.builder(module)
			.withInterpretedFunctions(interpreted)
			.withInterpreterFallback(InterpreterFallback.FAIL);
		return ((classes != null) ? compiler.withCache(classes) : compiler).compile();
	}

}
