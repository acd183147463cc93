package dev.wasmworkers.engine.wasi;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ValType;
import org.jspecify.annotations.Nullable;

/**
 * A guest written in WebAssembly text, compiled in the test and run in Chicory's
 * interpreter against our WASI host functions, bound to a context the test builds.
 *
 * <p>
 * Every WASI function is imported under its own name ({@code $fd_write} and so on), with
 * the signature the host provides; the text adds the rest and exports {@code _start},
 * which typically stores each call's error number in memory for the test to read.
 */
final class WasiGuest {

	/** The binding every guest of these tests goes through. */
	static final RunBindings<WasiContext> runs = new RunBindings<>();

	private static final List<HostFunction> functions = WasiImports.functions(runs::contextOf);

	private static final ImportValues imports = ImportValues.builder()
		.withFunctions(new ArrayList<ImportFunction>(functions))
		.build();

	/** The import of every WASI function, in WebAssembly text. */
	private static final String IMPORTS = importsText();

	private final WasmModule module;

	private WasiGuest(WasmModule module) {
		this.module = module;
	}

	/** Compiles a module from the fields of its text. */
	static WasiGuest of(String fields) {
		return new WasiGuest(Parser.parse(Wat2Wasm.parse("(module\n" + IMPORTS + fields + "\n)")));
	}

	private static String importsText() {
		StringBuilder text = new StringBuilder();
		for (HostFunction function : functions) {
			text.append("(import \"")
				.append(function.module())
				.append("\" \"")
				.append(function.name())
				.append("\" (func $")
				.append(function.name());
			types(text, "param", function.functionType().params());
			types(text, "result", function.functionType().returns());
			text.append("))\n");
		}
		return text.toString();
	}

	private static void types(StringBuilder text, String keyword, List<ValType> types) {
		if (!types.isEmpty()) {
			text.append(" (").append(keyword);
			types.forEach((type) -> text.append(' ').append(type.toString().toLowerCase(Locale.ROOT)));
			text.append(')');
		}
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
