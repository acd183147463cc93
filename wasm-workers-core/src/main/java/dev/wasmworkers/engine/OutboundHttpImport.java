package dev.wasmworkers.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmworkers.http.OutboundHttp;

/**
 * The wws outbound HTTP host function, {@code http.send-http-request} (wws §6.2): linked
 * only into modules that import it, which must then export {@code memory} and
 * {@code canonical_abi_realloc}, through which the host hands back its results.
 */
final class OutboundHttpImport {

	/** The import module name. */
	static final String MODULE = "http";

	/** The import name. */
	static final String NAME = "send-http-request";

	/** The guest allocator the host calls for every result it returns. */
	static final String REALLOC = "canonical_abi_realloc";

	/** The guest memory the host writes results into. */
	static final String MEMORY = "memory";

	/** Eleven i32 parameters (see {@link OutboundHttpCall}), no result. */
	static final FunctionType TYPE = FunctionType.of(Collections.nCopies(11, ValType.I32), List.of());

	/** {@code canonical_abi_realloc(old_ptr, old_size, align, new_size) -> ptr}. */
	static final FunctionType REALLOC_TYPE = FunctionType
		.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of(ValType.I32));

	private OutboundHttpImport() {
	}

	/** Whether the module imports the host function, with any signature. */
	static boolean isImportedBy(WasmModule module) {
		for (int i = 0; i < module.importSection().importCount(); i++) {
			Import imported = module.importSection().getImport(i);
			if (imported.module().equals(MODULE) && imported.name().equals(NAME)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Describes each export the module lacks for the host function; empty when it does
	 * not import the function or exports all it needs.
	 * @param functionTypes the type of a function of the module by its index
	 */
	static List<String> exportViolations(WasmModule module, FunctionTypes functionTypes) {
		if (!isImportedBy(module)) {
			return List.of();
		}
		List<String> violations = new ArrayList<>();
		Optional<Export> realloc = export(module, REALLOC);
		String needs = "imports " + MODULE + "." + NAME + ", so it must export ";
		if (realloc.isEmpty() || realloc.get().exportType() != ExternalType.FUNCTION) {
			violations.add(needs + "the function " + REALLOC + " " + Signatures.describe(REALLOC_TYPE)
					+ ", through which the host returns results into its memory");
		}
		else if (!functionTypes.of(realloc.get().index()).equals(REALLOC_TYPE)) {
			violations.add(needs + REALLOC + " as " + Signatures.describe(REALLOC_TYPE) + ", but exports it as "
					+ Signatures.describe(functionTypes.of(realloc.get().index())));
		}
		Optional<Export> memory = export(module, MEMORY);
		if (memory.isEmpty() || memory.get().exportType() != ExternalType.MEMORY) {
			violations.add(needs + "its memory as \"" + MEMORY + "\", which the host writes results into");
		}
		return violations;
	}

	/**
	 * The host function, created once: each call sends through the outbound HTTP of the
	 * run that makes it.
	 * @param runs finds the outbound HTTP of the run an instance belongs to
	 */
	static HostFunction function(Function<Instance, OutboundHttp> runs) {
		return new HostFunction(MODULE, NAME, TYPE,
				(instance, args) -> OutboundHttpCall.handle(instance, args, runs.apply(instance)));
	}

	private static Optional<Export> export(WasmModule module, String name) {
		for (int i = 0; i < module.exportSection().exportCount(); i++) {
			Export export = module.exportSection().getExport(i);
			if (export.name().equals(name)) {
				return Optional.of(export);
			}
		}
		return Optional.empty();
	}

	/** Looks up the type of a module's function by its index. */
	@FunctionalInterface
	interface FunctionTypes {

		FunctionType of(int functionIndex);

	}

}
