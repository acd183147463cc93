package dev.wasmworkers.engine;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.wasm.Parser;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Initialises Chicory's compiler once per JVM, before any worker is compiled: compiles a
 * minimal module, then loads its classes back as from the {@link CompileCache}.
 * {@link WasmEngine#compile} runs it before it reads a module the cache does not hold (or
 * a component, which it adapts first), so it costs nothing to a server with no
 * {@code .wasm} worker or whose modules all come from the cache, and other compilations
 * wait for it.
 * <p>
 * A class whose static initialiser first runs while another thread's module has exhausted
 * the heap fails for good: every later use throws {@code NoClassDefFoundError}.
 * Initialised first, the compiler's classes cannot be lost that way to one huge worker,
 * which would leave every worker loaded or reloaded after it unable to compile. Only
 * reading or compiling a module the cache does not hold can exhaust the heap so while
 * workers load, and none starts before the warm-up is done; a module read from the cache
 * meanwhile needs no compiler (its classes are defined when it first runs).
 */
final class CompilerWarmUp {

	private static final Logger logger = LoggerFactory.getLogger(CompilerWarmUp.class);

	/** {@code (module (func (export "f") (result i32) i32.const 1))}. */
	private static final byte[] MODULE = { 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00,
			0x01, 0x7f, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x06, 0x01, 0x04, 0x00,
			0x41, 0x01, 0x0b };

	private static boolean done;

	private CompilerWarmUp() {
	}

	/** Runs the warm-up unless it already ran; a failure is logged, never thrown. */
	static synchronized void run() {
		if (done) {
			return;
		}
		done = true;
		try {
			KeptClasses kept = new KeptClasses();
			MachineFactoryCompiler.builder(Parser.parse(MODULE)).withCache(kept).compile();
			MachineFactoryCompiler.builder(Parser.parse(MODULE)).withCache(kept).compile();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("The warm-up of Chicory's compiler failed; it initialises its classes on first use", ex);
		}
	}

	/** Whether the warm-up has run (or is running) in this JVM. */
	static synchronized boolean hasRun() {
		return done;
	}

	/** Keeps the classes of the one module in memory, as the compile cache would. */
	private static final class KeptClasses implements Cache {

		private byte @Nullable [] classes;

		@Override
		public byte @Nullable [] get(String digest) {
			return this.classes;
		}

		@Override
		public void putIfAbsent(String digest, byte[] data) {
			this.classes = data;
		}

	}

}
