package dev.wasmworkers.engine.wasi;

import java.util.ArrayList;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import org.jspecify.annotations.Nullable;

/**
 * A guest written in WebAssembly text, compiled in the test and run in Chicory's
 * interpreter against our WASI host functions, bound to a context the test builds.
 *
 * <p>
 * The text declares the imports it uses, from {@value WasiImports#MODULE}, and exports
 * {@code _start}, which typically stores each call's error number in memory for the test
 * to read.
 */
final class WasiGuest {

	/** The binding every guest of these tests goes through. */
	static final RunBindings<WasiContext> runs = new RunBindings<>();

	private static final ImportValues imports = ImportValues.builder()
		.withFunctions(new ArrayList<ImportFunction>(WasiImports.functions(runs::contextOf)))
		.build();

	private final WasmModule module;

	private WasiGuest(WasmModule module) {
		this.module = module;
	}

	/** Compiles a module from the fields of its text. */
	static WasiGuest of(String fields) {
		return new WasiGuest(Parser.parse(Wat2Wasm.parse("(module\n" + fields + "\n)")));
	}

	/** A fresh instance of the module. */
	Instance instantiate() {
		return Instance.builder(this.module).withImportValues(imports).withStart(false).build();
	}

	/** Runs {@code _start} once in a fresh instance bound to the context. */
	Outcome run(WasiContext context) {
		Instance instance = instantiate();
		try (RunBindings<WasiContext>.Binding bound = runs.bind(instance, context)) {
			instance.export("_start").apply();
			return new Outcome(instance, null);
		}
		catch (RuntimeException ending) {
			return new Outcome(instance, ending);
		}
	}

	/**
	 * How a run ended.
	 *
	 * @param instance the instance, to read what the guest stored in its memory
	 * @param ending what {@code _start} threw, or null when it returned
	 */
	record Outcome(Instance instance, @Nullable RuntimeException ending) {

		/** The i32 the guest stored at an address. */
		int i32(int address) {
			return this.instance.memory().readInt(address);
		}

		/** The i64 the guest stored at an address. */
		long i64(int address) {
			return this.instance.memory().readLong(address);
		}

	}

}
