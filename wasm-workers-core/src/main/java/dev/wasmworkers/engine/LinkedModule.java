package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.ExecutionListener;
import com.dylibso.chicory.runtime.GlobalFactory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.Element;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExportSection;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.Global;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.MemorySection;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TagSection;
import com.dylibso.chicory.wasm.types.TagType;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A module linked once to its host functions, from which each run's instance is made
 * without matching its imports or reading its sections again (what wasmtime calls an
 * {@code InstancePre}).
 *
 * <p>
 * Linking builds one instance with Chicory's {@link Instance.Builder}, so a module whose
 * imports do not match fails here with Chicory's own message, and keeps what that
 * instance was made from. Each run then calls the constructor the builder ends with,
 * through a method handle: Chicory 1.7.5's builder matches every import against every
 * host function by name, with streams and string concatenation, which was about a third
 * of a small C worker's run. Where that constructor cannot be reached (a Chicory whose
 * constructor differs, or one on the module path that does not open its package) every
 * run goes through the builder instead, as before, and that is logged once.
 */
public final class LinkedModule {

	private static final Logger logger = LoggerFactory.getLogger(LinkedModule.class);

	private static final MethodHandle CONSTRUCTOR = constructor();

	private final WasmModule module;

	private final ImportValues imports;

	private final Function<Instance, Machine> machineFactory;

	private final TableFactory tableFactory;

	private final Global[] globals;

	private final DataSegment[] dataSegments;

	private final FunctionBody[] functions;

	private final FunctionType[] types;

	private final int[] functionTypes;

	private final Table[] tables;

	private final Element[] elements;

	private final TagType[] tags;

	private final Map<String, Export> exports;

	private final MemoryLimits[] memoryLimits;

	/**
	 * Links the module to its host functions, checking them with Chicory's builder.
	 * @param module the module
	 * @param imports its host functions, in any order
	 * @param machineFactory the machine each instance runs on
	 * @param tableFactory the factory of each instance's tables, or {@code null} for
	 * Chicory's own
	 * @param memoryFactory the factory of the memory of the instance built to check the
	 * imports
	 * @throws com.dylibso.chicory.wasm.UnlinkableException when an import has no host
	 * function of its name and type
	 */
	public LinkedModule(WasmModule module, ImportValues imports, Function<Instance, Machine> machineFactory,
			TableFactory tableFactory, Function<MemoryLimits, Memory> memoryFactory) {
		// The instance that checks the imports and segments runs no code, so it needs no
		// compiled machine: the module's classes may be defined later
		// (ClassesOnFirstRun).
		Instance checked = builder(module, imports, InterpreterMachine::new, tableFactory, memoryFactory, null).build();
		this.module = module;
		this.imports = checked.imports();
		this.machineFactory = machineFactory;
		this.tableFactory = tableFactory;
		this.globals = module.globalSection().globals();
		this.dataSegments = module.dataSection().dataSegments();
		this.functions = module.codeSection().functionBodies();
		this.types = module.typeSection().types();
		this.functionTypes = functionTypes(module);
		this.tables = tables(module);
		this.elements = module.elementSection().elements();
		this.tags = module.tagSection().map(TagSection::types).orElse(null);
		this.exports = exports(module.exportSection());
		this.memoryLimits = memoryLimits(module);
	}

	/**
	 * Whether runs call Chicory's instance constructor directly; when not, each builds
	 * its instance with the builder.
	 */
	static boolean linksOnce() {
		return CONSTRUCTOR != null;
	}

	/**
	 * A fresh instance, initialised (globals, tables, memory) but not started.
	 * @param memoryFactory the factory of its memories
	 * @param limits the limits of its first memory, in place of the declared ones
	 * @return the instance
	 */
	public Instance instantiate(Function<MemoryLimits, Memory> memoryFactory, MemoryLimits limits) {
		if (CONSTRUCTOR == null) {
			return build(memoryFactory, limits);
		}
		Memory[] memories = new Memory[this.memoryLimits.length];
		for (int i = 0; i < memories.length; i++) {
			memories[i] = memoryFactory.apply((i == 0) ? limits : this.memoryLimits[i]);
		}
		try {
			// Chicory copies or only reads everything else it is given here; the segments
			// it keeps, and data.drop writes to them, so each instance gets its own.
			return (Instance) CONSTRUCTOR.invokeExact(this.module, this.globals, memories, this.dataSegments.clone(),
					this.functions, this.types, this.functionTypes, this.imports, this.tables, this.elements, this.tags,
					this.exports, this.machineFactory, this.tableFactory, (GlobalFactory) null, true, false,
					(ExecutionListener) null);
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Chicory's instance constructor threw " + ex, ex);
		}
	}

	/**
	 * The same instance made with Chicory's builder, which links the module again: what
	 * {@link #instantiate} does where the constructor cannot be reached.
	 */
	Instance build(Function<MemoryLimits, Memory> memoryFactory, MemoryLimits limits) {
		return builder(this.module, this.imports, this.machineFactory, this.tableFactory, memoryFactory, limits)
			.build();
	}

	private static Instance.Builder builder(WasmModule module, ImportValues imports,
			Function<Instance, Machine> machineFactory, TableFactory tableFactory,
			Function<MemoryLimits, Memory> memoryFactory, MemoryLimits limits) {
		return Instance.builder(module)
			.withImportValues(imports)
			.withMachineFactory(machineFactory)
			.withMemoryFactory(memoryFactory)
			.withMemoryLimits(limits)
			.withTableFactory(tableFactory)
			.withStart(false);
	}

	private static int[] functionTypes(WasmModule module) {
		int imported = module.importSection().count(ExternalType.FUNCTION);
		int defined = module.functionSection().functionCount();
		int[] functionTypes = new int[imported + defined];
		int index = 0;
		for (int i = 0; i < module.importSection().importCount(); i++) {
			if (module.importSection().getImport(i) instanceof FunctionImport function) {
				functionTypes[index++] = function.typeIndex();
			}
		}
		for (int i = 0; i < defined; i++) {
			functionTypes[index++] = module.functionSection().getFunctionType(i);
		}
		return functionTypes;
	}

	private static Table[] tables(WasmModule module) {
		Table[] tables = new Table[module.tableSection().tableCount()];
		for (int i = 0; i < tables.length; i++) {
			tables[i] = module.tableSection().getTable(i);
		}
		return tables;
	}

	private static Map<String, Export> exports(ExportSection section) {
		Map<String, Export> exports = new HashMap<>();
		for (int i = 0; i < section.exportCount(); i++) {
			Export export = section.getExport(i);
			exports.put(export.name(), export);
		}
		return Map.copyOf(exports);
	}

	private static MemoryLimits[] memoryLimits(WasmModule module) {
		int count = module.memorySection().map(MemorySection::memoryCount).orElse(0);
		MemoryLimits[] limits = new MemoryLimits[count];
		for (int i = 0; i < count; i++) {
			limits[i] = module.memorySection().get().getMemory(i).limits();
		}
		return limits;
	}

	private static MethodHandle constructor() {
		MethodType type = MethodType.methodType(void.class, WasmModule.class, Global[].class, Memory[].class,
				DataSegment[].class, FunctionBody[].class, FunctionType[].class, int[].class, ImportValues.class,
				Table[].class, Element[].class, TagType[].class, Map.class, Function.class, TableFactory.class,
				GlobalFactory.class, boolean.class, boolean.class, ExecutionListener.class);
		try {
			return MethodHandles.privateLookupIn(Instance.class, MethodHandles.lookup())
				.findConstructor(Instance.class, type);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.info("Chicory's instance constructor cannot be reached ({}); each run links its module anew",
					ex.toString());
			return null;
		}
	}

}
