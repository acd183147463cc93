package dev.wasmworkers.engine;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.SectionId;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Finds the WASI preview1 command module inside a component made with the standard
 * preview1 command adapter ({@code wasm-tools component new --adapt},
 * {@code jco new --wasi-command}), so that it runs with the preview1 host exactly like a
 * plain module; refuses every other component, saying what kind it is.
 *
 * <p>
 * Such a component embeds the user's module unchanged (it imports
 * {@code wasi_snapshot_preview1} and exports {@code _start}) next to the adapter, a core
 * module that imports the user's {@code _start} from {@code __main_module__} and exports
 * the command world's {@code wasi:cli/run@<version>#run}; the rest is wiring.
 */
final class AdaptedComponent {

	private static final String PREVIEW1 = "wasi_snapshot_preview1";

	private static final String MAIN_MODULE = "__main_module__";

	private static final String RUN_PREFIX = "wasi:cli/run@";

	private static final String RUN_SUFFIX = "#run";

	private static final String SUPPORTED = "only components that wrap a WASI preview1 command module with the"
			+ " preview1 command adapter (wasm-tools component new --adapt, jco new --wasi-command) are supported";

	private static final int LISTED_INTERFACES = 3;

	private AdaptedComponent() {
	}

	/**
	 * Returns the bytes of the preview1 command module the component wraps.
	 * @throws WorkerLoadException when the component is malformed, or is not a preview1
	 * command wrapped with the command adapter (the reason says which kind it is)
	 */
	static byte[] commandModule(String workerName, byte[] component) throws WorkerLoadException {
		int version = ComponentBinary.version(component);
		if (version != ComponentBinary.STANDARD_VERSION) {
			throw refused(workerName,
					"in binary version 0x" + Integer.toHexString(version)
							+ ", a pre-standard encoding (the standard one is 0x"
							+ Integer.toHexString(ComponentBinary.STANDARD_VERSION) + ")");
		}
		ComponentBinary binary;
		List<CoreModule> modules = new ArrayList<>();
		try {
			binary = ComponentBinary.read(component);
			for (int i = 0; i < binary.coreModules().size(); i++) {
				modules.add(CoreModule.read(i, binary.coreModules().get(i)));
			}
		}
		catch (RuntimeException ex) {
			throw new WorkerLoadException(workerName, "not a valid WebAssembly component: " + ex.getMessage(), ex);
		}
		List<CoreModule> programs = modules.stream().filter((module) -> module.imports(PREVIEW1)).toList();
		List<CoreModule> commands = programs.stream().filter((module) -> module.exports(EntryPoints.COMMAND)).toList();
		boolean adapted = modules.stream().anyMatch(CoreModule::isCommandAdapter);
		if (commands.size() == 1 && adapted) {
			return commands.get(0).bytes();
		}
		throw refused(workerName, kind(binary, modules, programs, commands));
	}

	private static String kind(ComponentBinary binary, List<CoreModule> modules, List<CoreModule> programs,
			List<CoreModule> commands) {
		if (commands.size() > 1) {
			return "that wraps " + commands.size() + " WASI preview1 command modules";
		}
		if (commands.size() == 1) {
			return "whose WASI preview1 command module is not wrapped by the preview1 command adapter";
		}
		if (!programs.isEmpty()) {
			return "that wraps a WASI preview1 module without " + EntryPoints.COMMAND
					+ " (a reactor, made with the reactor adapter)";
		}
		Set<String> interfaces = new TreeSet<>();
		modules.forEach((module) -> interfaces.addAll(module.interfaceImports()));
		if (!interfaces.isEmpty()) {
			return "built for WASI preview 2: its core code imports " + listed(interfaces)
					+ " directly, with no WASI preview1 module inside";
		}
		if (binary.nestedComponents() > 0) {
			return "made of " + binary.nestedComponents() + " nested component(s), with no WASI preview1 module at"
					+ " its top level";
		}
		return modules.isEmpty() ? "with no core module" : "whose core modules import no WASI interface";
	}

	private static String listed(Set<String> interfaces) {
		String shown = interfaces.stream().limit(LISTED_INTERFACES).collect(Collectors.joining(", "));
		int more = interfaces.size() - LISTED_INTERFACES;
		return (more > 0) ? shown + " and " + more + " more" : shown;
	}

	private static WorkerLoadException refused(String workerName, String kind) {
		return new WorkerLoadException(workerName, "is a WebAssembly component " + kind + "; " + SUPPORTED);
	}

	/** The imports and exports of one core module of the component, by name. */
	private record CoreModule(byte[] bytes, Set<String> importModules, Set<String> importNames,
			Set<String> exportNames) {

		static CoreModule read(int index, byte[] bytes) {
			WasmModule module;
			try {
				module = Parser.builder()
					.includeSectionId(SectionId.IMPORT)
					.includeSectionId(SectionId.EXPORT)
					.withValidation(false)
					.build()
					.parse(() -> new ByteArrayInputStream(bytes));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("core module " + index + ": " + ex.getMessage(), ex);
			}
			Set<String> importModules = new TreeSet<>();
			Set<String> importNames = new TreeSet<>();
			module.importSection().stream().forEach((imported) -> {
				importModules.add(imported.module());
				importNames.add(imported.module() + "." + imported.name());
			});
			Set<String> exportNames = IntStream.range(0, module.exportSection().exportCount())
				.mapToObj((i) -> module.exportSection().getExport(i).name())
				.collect(Collectors.toSet());
			return new CoreModule(bytes, importModules, importNames, exportNames);
		}

		boolean imports(String moduleName) {
			return this.importModules.contains(moduleName);
		}

		boolean exports(String name) {
			return this.exportNames.contains(name);
		}

		boolean isCommandAdapter() {
			return this.importNames.contains(MAIN_MODULE + "." + EntryPoints.COMMAND) && this.exportNames.stream()
				.anyMatch((name) -> name.startsWith(RUN_PREFIX) && name.endsWith(RUN_SUFFIX));
		}

		Set<String> interfaceImports() {
			return this.importModules.stream().filter((name) -> name.contains(":")).collect(Collectors.toSet());
		}

	}

}
