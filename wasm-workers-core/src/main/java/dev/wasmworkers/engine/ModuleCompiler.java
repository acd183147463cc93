package dev.wasmworkers.engine;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a module to JVM bytecode once; functions too large for a JVM method run in
 * Chicory's interpreter, with a warning naming the worker.
 */
final class ModuleCompiler {

	private static final Logger logger = LoggerFactory.getLogger(ModuleCompiler.class);

	private ModuleCompiler() {
	}

	/**
	 * Returns the machine factory every instance of the module shares.
	 *
	 * <p>
	 * Chicory's own fallback warning goes to stderr without the worker's name, so the
	 * module is first compiled with the fallback forbidden; only when that fails is it
	 * compiled again with the fallback allowed, and the first failure, which names the
	 * oversized function, is logged.
	 */
	static Function<Instance, Machine> compile(String workerName, WasmModule module) {
		try {
			return compile(module, InterpreterFallback.FAIL);
		}
		catch (ChicoryException tooLarge) {
			Function<Instance, Machine> factory = compile(module, InterpreterFallback.SILENT);
			logger.warn("Worker '{}' has functions too large to compile to JVM bytecode; they run in Chicory's"
					+ " much slower interpreter. {}", workerName, tooLarge.getMessage());
			return factory;
		}
	}

	private static Function<Instance, Machine> compile(WasmModule module, InterpreterFallback fallback) {
		return MachineFactoryCompiler.builder(module).withInterpreterFallback(fallback).compile();
	}

}
