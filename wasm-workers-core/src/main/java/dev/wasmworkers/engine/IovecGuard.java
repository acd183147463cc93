package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import java.util.Set;

/**
 * Traps WASI reads whose buffers reach past linear memory before Chicory acts on them.
 *
 * <p>
 * Chicory 1.7.5's {@code fd_read} and {@code fd_pread} allocate a Java array of each
 * buffer's declared length before checking it against memory, so one call with a length
 * near 2 GiB could exhaust the heap whatever the memory cap. Checked first, no buffer can
 * exceed the capped memory.
 */
final class IovecGuard {

	private static final Set<String> GUARDED = Set.of("fd_read", "fd_pread");

	private static final int IOVEC_SIZE = 8;

	private IovecGuard() {
	}

	/**
	 * Returns the functions with {@code fd_read} and {@code fd_pread} wrapped in the
	 * check.
	 */
	static HostFunction[] guard(HostFunction[] functions) {
		HostFunction[] guarded = functions.clone();
		for (int i = 0; i < guarded.length; i++) {
			HostFunction function = guarded[i];
			if (GUARDED.contains(function.name())) {
				guarded[i] = new HostFunction(function.module(), function.name(), function.functionType(),
						(instance, args) -> {
							checkIovecs(instance, (int) args[1], (int) args[2]);
							return function.handle().apply(instance, args);
						});
			}
		}
		return guarded;
	}

	private static void checkIovecs(Instance instance, int iovs, int count) {
		Memory memory = instance.memory();
		long size = (long) memory.pages() * Memory.PAGE_SIZE;
		for (int i = 0; i < count; i++) {
			int entry = iovs + i * IOVEC_SIZE;
			long start = Integer.toUnsignedLong(memory.readInt(entry));
			long length = Integer.toUnsignedLong(memory.readInt(entry + 4));
			if (start + length > size) {
				throw new WasmRuntimeException("out of bounds memory access: read buffer of " + length + " bytes at "
						+ start + " ends past the memory's " + size + " bytes");
			}
		}
	}

}
