package dev.wasmworkers.engine;

import com.dylibso.chicory.log.Logger;
import com.dylibso.chicory.log.SystemLogger;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;
import java.io.ByteArrayInputStream;
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

	private static final String ENTRY_POINT = "_start";

	/**
	 * Chicory's WASI logger, shared: without one, every {@code WasiPreview1} build probes
	 * for Android by loading a class that is not there, which costs an exception per run.
	 */
	private static final Logger WASI_LOGGER = new SystemLogger();

	private final WasmModule module;

	private final Function<Instance, Machine> machineFactory;

	private final MemoryPlan memory;

	private final Function<MemoryLimits, Memory> memoryFactory;

	private final PrivateTables tables;

	private final Duration compileTime;

	private final boolean importsOutboundHttp;

	/**
	 * Creates the program from its module, its compiled machine factory, the image of its
	 * initial memory and its tables' declared limits.
	 */
	CompiledProgram(WasmModule module, Function<Instance, Machine> machineFactory, MemoryImage image,
			PrivateTables tables, Duration compileTime) {
		this.module = module;
		this.machineFactory = machineFactory;
		this.memory = MemoryPlan.of(module);
		this.memoryFactory = memoryFactory(image, this.memory);
		this.tables = tables;
		this.compileTime = compileTime;
		this.importsOutboundHttp = OutboundHttpImport.isImportedBy(module);
	}

	@Override
	public RunResult run(RunRequest request) {
		CappedOutputStream stdout = CappedOutputStream.refusingOverflow(request.stdoutLimit());
		CappedOutputStream stderr = CappedOutputStream.truncating(request.stderrLimit());
		try (WasiPreview1 wasi = WasiPreview1.builder()
			.withLogger(WASI_LOGGER)
			.withOptions(wasiOptions(request, stdout, stderr))
			.build()) {
			Instance instance = Instance.builder(this.module)
				.withImportValues(imports(wasi, request))
				.withMachineFactory(this.machineFactory)
				.withMemoryFactory(this.memoryFactory)
				.withMemoryLimits(this.memory.limitsFor(request.maxMemoryPages()))
				.withTableFactory(this.tables)
				.withStart(false)
				.build();
			instance.export(ENTRY_POINT).apply();
			return RunOutcomes.completed(stdout.toByteArray(), stderr.toByteArray());
		}
		catch (RuntimeException | StackOverflowError ending) {
			return RunOutcomes.ended(ending, stdout.toByteArray(), stderr.toByteArray());
		}
	}

	@Override
	public Duration compileTime() {
		return this.compileTime;
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

	private ImportValues imports(WasiPreview1 wasi, RunRequest request) {
		ImportValues.Builder imports = ImportValues.builder().addFunction(IovecGuard.guard(wasi.toHostFunctions()));
		if (this.importsOutboundHttp) {
			imports.addFunction(OutboundHttpImport.function(request.outboundHttp()));
		}
		return imports.build();
	}

	private static WasiOptions wasiOptions(RunRequest request, CappedOutputStream stdout, CappedOutputStream stderr) {
		WasiOptions.Builder options = WasiOptions.builder()
			.withStdin(new ByteArrayInputStream(request.stdin()), false)
			.withStdout(stdout, false)
			.withStderr(stderr, false)
			.withArguments(request.arguments());
		request.environment().forEach(options::withEnvironment);
		request.mounts().forEach((mount) -> options.withDirectory(mount.guestPath(), mount.confinedRoot()));
		return options.build();
	}

}
