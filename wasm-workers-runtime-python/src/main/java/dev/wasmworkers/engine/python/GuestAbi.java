package dev.wasmworkers.engine.python;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;

/**
 * The calls the runtime exports: {@code setup(name, argumentTypes, returnType)} imports
 * the module {@code guest} from {@value GuestFolder#ROOT} and keeps its function of that
 * name, and {@code execute(arguments)} calls the function.
 *
 * <p>
 * The runtime describes argument and result types as Trino does: 32-bit little-endian
 * type tags, a row being its tag, its number of fields and each field's type. The shim's
 * {@code serve} takes no arguments (an empty row; its arguments are one byte, 1, for a
 * row that is present) and returns {@code None}, declared as a {@code VARCHAR}: the
 * request and response go through stdin and stdout.
 */
final class GuestAbi {

	/** The shim's function that answers one request. */
	static final String SERVE = "serve";

	private static final int ROW = 0;

	private static final int VARCHAR = 11;

	private GuestAbi() {
	}

	/**
	 * Imports the shim, which loads the worker, and prepares the arguments of
	 * {@code execute}.
	 * @param instance a fresh instance of the runtime
	 * @return the address of the arguments to pass to {@link #execute(Instance, int)}
	 */
	static int setup(Instance instance) {
		Memory memory = instance.memory();
		byte[] name = (SERVE + "\0").getBytes(StandardCharsets.US_ASCII);
		int nameAddress = allocate(instance, name.length);
		memory.write(nameAddress, name);
		int argumentTypes = allocate(instance, 8);
		memory.writeI32(argumentTypes, ROW);
		memory.writeI32(argumentTypes + 4, 0);
		int returnType = allocate(instance, 4);
		memory.writeI32(returnType, VARCHAR);
		instance.export("setup").apply(nameAddress, argumentTypes, returnType);
		int arguments = allocate(instance, 1);
		memory.writeByte(arguments, (byte) 1);
		return arguments;
	}

	/**
	 * Calls the shim's {@code serve}.
	 * @param instance the instance
	 * @param arguments the address {@link #setup(Instance)} returned
	 */
	static void execute(Instance instance, int arguments) {
		instance.export("execute").apply(arguments);
	}

	private static int allocate(Instance instance, int size) {
		return (int) instance.export("allocate").apply(size)[0];
	}

}
