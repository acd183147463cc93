package dev.wasmworkers.engine.python;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one instance reported through the runtime's {@code trino.return_error} import: the
 * runtime calls it when the Python function it was asked to run raised an exception, with
 * the exception's message and traceback.
 */
final class GuestError {

	private static final FunctionType TYPE = FunctionType
		.of(List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32), List.of());

	private @Nullable String message;

	/**
	 * The host function to import, created once: it records the error in the instance's
	 * own {@code GuestError}.
	 * @param errors finds the {@code GuestError} of the calling instance
	 * @return the function
	 */
	static HostFunction function(Function<Instance, GuestError> errors) {
		return new HostFunction("trino", "return_error", TYPE,
				(instance, arguments) -> errors.apply(instance).record(instance, arguments));
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
