package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exported functions one run calls, in order, chosen as wasmtime's linker chooses
 * them for wws: a WASI command runs its default export {@code ""} if it has one, else
 * {@code _start}; a WASI reactor runs {@code _initialize}, then its default export
 * {@code ""} if it has one.
 */
final class EntryPoints {

	/** The entry point of a WASI command. */
	static final String COMMAND = "_start";

	/** The initialisation function of a WASI reactor. */
	static final String REACTOR = "_initialize";

	/** The name of a module's default export. */
	static final String DEFAULT = "";

	private final List<String> names;

	private EntryPoints(List<String> names) {
		this.names = names;
	}

	/**
	 * Chooses the entry points of a module that {@link ModuleRequirements} accepted: one
	 * that exports {@code _start} or {@code _initialize}, not both.
	 */
	static EntryPoints of(WasmModule module) {
		List<String> names = new ArrayList<>();
		if (export(module, REACTOR).isPresent()) {
			names.add(REACTOR);
		}
		if (export(module, DEFAULT).isPresent()) {
			names.add(DEFAULT);
		}
		else if (export(module, COMMAND).isPresent()) {
			names.add(COMMAND);
		}
		return new EntryPoints(List.copyOf(names));
	}

	/** The module's export of that name, if it has one. */
	static Optional<Export> export(WasmModule module, String name) {
		for (int i = 0; i < module.exportSection().exportCount(); i++) {
			Export export = module.exportSection().getExport(i);
			if (export.name().equals(name)) {
				return Optional.of(export);
			}
		}
		return Optional.empty();
	}

	/** Calls the entry points in order in the instance. */
	void call(Instance instance) {
		for (String name : this.names) {
			instance.export(name).apply();
		}
	}

}
