package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The host functions a worker module may import, by import module and name, with their
 * signatures.
 */
final class HostImports {

	private final Map<String, FunctionType> signatures = new HashMap<>();

	/** Creates the catalogue of the given host functions. */
	HostImports(Collection<? extends ImportFunction> functions) {
		for (ImportFunction function : functions) {
			this.signatures.put(qualifiedName(function.module(), function.name()), function.functionType());
		}
	}

	/**
	 * Describes each import of the module that the host does not provide; empty when all
	 * are provided.
	 */
	List<String> unsatisfied(WasmModule module) {
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < module.importSection().importCount(); i++) {
			problem(module, module.importSection().getImport(i)).ifPresent(problems::add);
		}
		return problems;
	}

	private Optional<String> problem(WasmModule module, Import imported) {
		String name = qualifiedName(imported.module(), imported.name());
		if (imported.importType() != ExternalType.FUNCTION) {
			return Optional.of("imports " + imported.importType().name().toLowerCase(Locale.ROOT) + " " + name
					+ ", but only function imports are supported");
		}
		FunctionType wanted = module.typeSection().getType(((FunctionImport) imported).typeIndex());
		FunctionType provided = this.signatures.get(name);
		if (provided == null) {
			return Optional
				.of("imports " + name + " " + Signatures.describe(wanted) + ", which the server does not provide");
		}
		if (!provided.equals(wanted)) {
			return Optional.of("imports " + name + " as " + Signatures.describe(wanted) + ", but the server provides "
					+ Signatures.describe(provided));
		}
		return Optional.empty();
	}

	private static String qualifiedName(String module, String name) {
		return module + "." + name;
	}

}
