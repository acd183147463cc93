package dev.wasmworkers.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemorySection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks that a parsed module is a WASI command or reactor the server can run. */
final class ModuleRequirements {

	private final HostImports hostImports;

	/** Creates the checks for modules that may import the given host functions. */
	ModuleRequirements(HostImports hostImports) {
		this.hostImports = hostImports;
	}

	/**
	 * Describes everything that stops the module from being served; empty when it can be.
	 */
	List<String> violations(WasmModule module) {
		List<String> violations = new ArrayList<>();
		entryPointViolation(module).ifPresent(violations::add);
		int memories = module.memorySection().map(MemorySection::memoryCount).orElse(0);
		if (memories > 1) {
			violations.add("defines " + memories + " memories, but only one can be limited and served");
		}
		violations.addAll(this.hostImports.unsatisfied(module));
		violations.addAll(OutboundHttpImport.exportViolations(module, (index) -> functionType(module, index)));
		return violations;
	}

	private static Optional<String> entryPointViolation(WasmModule module) {
		Optional<Export> command = EntryPoints.export(module, EntryPoints.COMMAND);
		Optional<Export> reactor = EntryPoints.export(module, EntryPoints.REACTOR);
		if (command.isEmpty() && reactor.isEmpty()) {
			return Optional
				.of("has no exported " + EntryPoints.COMMAND + " function (a worker must be a WASI command module)");
		}
		if (command.isPresent() && reactor.isPresent()) {
			return Optional.of("exports both " + EntryPoints.COMMAND + " and " + EntryPoints.REACTOR
					+ ", but a module is either a WASI command or a WASI reactor");
		}
		return Stream.of(command, reactor, EntryPoints.export(module, EntryPoints.DEFAULT))
			.flatMap(Optional::stream)
			.map((export) -> entryPointViolation(module, export))
			.flatMap(Optional::stream)
			.findFirst();
	}

	private static Optional<String> entryPointViolation(WasmModule module, Export export) {
		String name = export.name().isEmpty() ? "\"\" (the default export)" : export.name();
		if (export.exportType() != ExternalType.FUNCTION) {
			return Optional.of("exports " + name + " as a " + export.exportType().name().toLowerCase(Locale.ROOT)
					+ ", not a function");
		}
		FunctionType type = functionType(module, export.index());
		if (!type.params().isEmpty() || !type.returns().isEmpty()) {
			return Optional
				.of(name + " must take no parameters and return nothing, but is " + Signatures.describe(type));
		}
		return Optional.empty();
	}

	private static FunctionType functionType(WasmModule module, int functionIndex) {
		int importedFunctions = 0;
		for (int i = 0; i < module.importSection().importCount(); i++) {
			if (module.importSection().getImport(i) instanceof FunctionImport imported) {
				if (importedFunctions == functionIndex) {
					return module.typeSection().getType(imported.typeIndex());
				}
				importedFunctions++;
			}
		}
		int typeIndex = module.functionSection().getFunctionType(functionIndex - importedFunctions);
		return module.typeSection().getType(typeIndex);
	}

}
