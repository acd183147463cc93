package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmworkers.engine.memory.MemoryImage;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compiles WebAssembly worker modules once, with Chicory's runtime compiler. */
public final class WasmEngine {

	private static final Logger logger = LoggerFactory.getLogger(WasmEngine.class);

	private final CompileCache cache;

	/**
	 * Creates an engine whose modules may import the WASI preview1 functions and the wws
	 * outbound HTTP function {@code http.send-http-request}, and that compiles every
	 * module. Chicory's compiler is initialised ({@link CompilerWarmUp}) before the JVM's
	 * first module that is not in the cache is read, on that thread, not when the engine
	 * is created nor for a module whose classes come from the cache.
	 */
	public WasmEngine() {
		this(CompileCache.none());
	}

	/**
	 * Creates an engine like {@link #WasmEngine()} that keeps the classes it compiles in
	 * the given cache, and loads them from there instead of compiling a module again.
	 * @param cache where compiled modules are kept between starts
	 */
	public WasmEngine(CompileCache cache) {
		this.cache = cache;
	}

	/**
	 * The cache this engine keeps compiled modules in, which the other runtimes of the
	 * server share (the JavaScript engine keeps its image there).
	 * @return the cache, {@link CompileCache#none()} when there is none
	 */
	public CompileCache compileCache() {
		return this.cache;
	}

	/**
	 * Parses, validates and compiles a module; fails if it is not a valid module, is
	 * neither a WASI command (exporting {@code _start}) nor a WASI reactor (exporting
	 * {@code _initialize}), or both, imports anything but functions, imports a function
	 * the server does not provide (the message names each such import as
	 * {@code module.name} with its type), or imports {@code http.send-http-request}
	 * without exporting {@code memory} and {@code canonical_abi_realloc}. A component
	 * that wraps a WASI preview1 command module with the preview1 command adapter runs
	 * that module; any other component is refused, saying what kind it is. A data segment
	 * that does not fit in the module's initial memory fails it too, and so does one that
	 * cannot be instantiated, such as an element segment outside its table. A module
	 * whose classes the cache holds is checked the same way, and its classes are defined
	 * when it first runs ({@link ClassesOnFirstRun}).
	 */
	public WasmProgram compile(String name, byte[] moduleBytes) throws WorkerLoadException {
		long started = System.nanoTime();
		ModuleRequirements requirements = WorkerRequirements.ALL;
		boolean component = ComponentBinary.isComponent(moduleBytes);
		if (component) {
			CompilerWarmUp.run();
		}
		byte[] coreModule = component ? AdaptedComponent.commandModule(name, moduleBytes) : moduleBytes;
		String key = this.cache.keyOf(coreModule);
		byte[] classes = this.cache.compiledWhole(key);
		WasmModule stubbed = (classes != null) ? parseStubbed(name, coreModule) : null;
		if (stubbed == null) {
			CompilerWarmUp.run();
		}
		WasmModule module = (stubbed != null) ? stubbed : parse(name, coreModule);
		List<String> violations = requirements.violations(module);
		if (!violations.isEmpty()) {
			throw new WorkerLoadException(name, String.join("; ", violations));
		}
		MemoryImage image = image(name, module);
		PrivateTables tables = new PrivateTables(module);
		Function<Instance, Machine> machineFactory = (stubbed != null && classes != null)
				? new ClassesOnFirstRun(name, stubbed, classes) : compile(name, module, this.cache, key);
		try {
			return new CompiledProgram(module, machineFactory, image, tables,
					Duration.ofNanos(System.nanoTime() - started));
		}
		catch (RuntimeException ex) {
			throw new WorkerLoadException(name, "cannot be instantiated: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Parses a module whose classes the cache holds with its bodies replaced by stubs
	 * ({@link CodeStubs}), which takes a fraction of the time of the whole module.
	 * @return the module, or null when it cannot be parsed so or has no digest, and the
	 * whole module has to be parsed and compiled
	 */
	private static @Nullable WasmModule parseStubbed(String name, byte[] moduleBytes) {
		try {
			WasmModule module = Parser.parse(CodeStubs.of(moduleBytes));
			return (module.digest() != null) ? module : null;
		}
		catch (RuntimeException ex) {
			logger.debug("Worker '{}': its module with stub bodies cannot be parsed ({}); parsing all of it", name,
					ex.toString());
			return null;
		}
	}

	private static WasmModule parse(String name, byte[] moduleBytes) throws WorkerLoadException {
		try {
			return Parser.parse(moduleBytes);
		}
		catch (RuntimeException ex) {
			throw new WorkerLoadException(name, "not a valid WebAssembly module: " + ex.getMessage(), ex);
		}
	}

	private static MemoryImage image(String name, WasmModule module) throws WorkerLoadException {
		try {
			return MemoryImage.of(module);
		}
		catch (IllegalArgumentException ex) {
			throw new WorkerLoadException(name, "cannot be instantiated: " + ex.getMessage(), ex);
		}
	}

	private static Function<Instance, Machine> compile(String name, WasmModule module, CompileCache cache,
			@Nullable String key) throws WorkerLoadException {
		try {
			return ModuleCompiler.compile(name, module, cache, key);
		}
		catch (RuntimeException ex) {
			throw new WorkerLoadException(name, "cannot be compiled: " + ex.getMessage(), ex);
		}
	}

	/**
	 * What every module must meet, made when the first module is compiled, before any
	 * module is read: building the host imports warms up the host calls
	 * ({@link RunImports}), which a start then does on the loading thread rather than
	 * where the engine is created, and which no module can have exhausted the heap for
	 * yet (see {@link CompilerWarmUp}).
	 */
	private static final class WorkerRequirements {

		static final ModuleRequirements ALL = new ModuleRequirements(new HostImports(RunImports.forWorkers()));

	}

}
