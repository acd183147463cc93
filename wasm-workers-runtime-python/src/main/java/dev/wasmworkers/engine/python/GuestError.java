package dev.wasmworkers.engine.python;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The runtime's {@code trino.return_error} import, for one instance: the runtime calls it
 * when the Python function it was asked to run raised an exception, with the exception's
 * message and traceback.
 */
final class GuestError {

	private static final FunctionType TYPE = FunctionType
		.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of());

	private @Nullable String message;

	/**
	 * The host function to import, recording the error in this object.
	 * @return the function
	 */
	HostFunction function() {
		return new HostFunction("trino", "return_error", TYPE, this::record);
	}

	/**
	 * The message of the exception the guest reported, such as
	 * {@code ValueError: order 7 has no items}.
	 * @return the message, or null when the guest reported none
	 */
	@Nullable String message() {
		return this.message;
	}

	private long @Nullable [] record(Instance instance, long... arguments) {
		Memory memory = instance.memory();
		this.message = memory.readString((int) arguments[1], (int) arguments[2]).strip();
		return null;
	}

}
