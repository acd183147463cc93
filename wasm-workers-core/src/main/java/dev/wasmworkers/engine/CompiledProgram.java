package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;
import dev.wasmworkers.engine.wasi.RunBindings;
import java.time.Duration;
import java.util.function.Function;

/**
 * A module compiled once by Chicory's runtime compiler, run in a fresh instance per
 * request.
 *
 * <p>
 * The module's initial memory, with its data segments written in, is made once into a
 * {@link MemoryImage}; each run's memory starts from it and copies only the blocks the
 * run writes.
 */
final class CompiledProgram implements WasmProgram {

	private final WasmModule module;

	private final MemoryPlan memory;

	private final Function<MemoryLimits, Memory> memoryFactory;

	/**
	 * The module linked to the host functions of every run, which each run's instance
	 * binds to its context.
	 */
	private final LinkedModule linked;

	private final Duration compileTime;

	private final boolean importsOutboundHttp;

	private final EntryPoints entryPoints;

	/**
	 * Creates the program from its module, its compiled machine factory, the image of its
	 * initial memory and its tables' declared limits.
	 */
	CompiledProgram(WasmModule module, Function<Instance, Machine> machineFactory, MemoryImage image,
			PrivateTables tables, Duration compileTime) {
		this.module = module;
		this.memory = MemoryPlan.of(module);
		this.memoryFactory = memoryFactory(image, this.memory);
		this.linked = new LinkedModule(module, RunImports.forModule(module), machineFactory, tables,
				this.memoryFactory);
		this.compileTime = compileTime;
		this.importsOutboundHttp = OutboundHttpImport.isImportedBy(module);
		this.entryPoints = EntryPoints.of(module);
	}

	/**
	 * The module its instances are made from.
	 * @return the module; when its classes came from the {@link CompileCache}, with its
	 * function bodies replaced by {@link CodeStubs}
	 */
	WasmModule module() {
		return this.module;
	}

	@Override
	public RunResult run(RunRequest request) {
		if (this.memory.initialPages() > request.maxMemoryPages()) {
			return new RunResult(RunStatus.TRAPPED, 0, new byte[0], new byte[0],
					"its initial memory of " + this.memory.initialPages() + " pages is above its memory cap of "
							+ request.maxMemoryPages() + " pages");
		}
		RunContext context = RunContext.of(request);
		Instance instance = null;
		try {
			instance = this.linked.instantiate(this.memoryFactory, this.memory.limitsFor(request.maxMemoryPages()));
			try (RunBindings<RunContext>.Binding bound = RunImports.bind(instance, context)) {
				this.entryPoints.call(instance);
			}
			return RunOutcomes.completed(context.wasi().stdout(), context.wasi().stderr());
		}
		catch (RuntimeException | StackOverflowError ending) {
			return RunOutcomes.ended(ending, context.wasi().stdout(), context.wasi().stderr());
		}
		finally {
			context.wasi().close();
			CopyOnWriteMemory.releaseMemoryOf(instance);
		}
	}

	@Override
	public Duration compileTime() {
		return this.compileTime;
	}

	@Override
	public int requiredMemoryPages() {
		return this.memory.initialPages();
	}

	@Override
	public boolean sendsHttpRequests() {
		return this.importsOutboundHttp;
	}

	/**
	 * Copy-on-write memories started from the module's image, or Chicory's own memory for
	 * a shared memory (the threads proposal), which is copied in full each run.
	 */
	private static Function<MemoryLimits, Memory> memoryFactory(MemoryImage image, MemoryPlan plan) {
		if (plan.shared()) {
			return ByteArrayMemory::new;
		}
		return (limits) -> new CopyOnWriteMemory(image, limits);
	}

}
