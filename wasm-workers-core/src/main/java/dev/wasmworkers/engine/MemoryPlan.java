package dev.wasmworkers.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;

/**
 * The linear memory a module declares, and the limits each run gives it under a page cap.
 *
 * @param initialPages the declared initial size in 64 KiB pages
 * @param maximumPages the declared maximum size, or the WebAssembly maximum when none is
 * declared
 * @param shared whether the memory is declared shared
 */
record MemoryPlan(int initialPages, int maximumPages, boolean shared) {

	/**
	 * The plan for the module's memory; a module without memory gets an empty plan that
	 * is never used.
	 */
	static MemoryPlan of(WasmModule module) {
		return module.memorySection()
			.filter((section) -> section.memoryCount() > 0)
			.map((section) -> section.getMemory(0).limits())
			.map((limits) -> new MemoryPlan(limits.initialPages(), limits.maximumPages(), limits.shared()))
			.orElse(new MemoryPlan(0, 0, false));
	}

	/**
	 * The limits for one run: the declared initial size, and as maximum the smaller of
	 * the declared maximum and the cap, but never less than the initial size.
	 */
	MemoryLimits limitsFor(int capPages) {
		int maximum = Math.max(this.initialPages, Math.min(this.maximumPages, capPages));
		return new MemoryLimits(this.initialPages, maximum, this.shared);
	}

}
