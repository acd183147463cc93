package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The exports of quickjs4j's Javy QuickJS plugin and how to call them: the plugin's ABI.
 *
 * <p>
 * {@code initialize_runtime()} creates the QuickJS runtime; {@code compileSrc(ptr, len)}
 * compiles UTF-8 source as an ES module named {@value #MODULE_NAME} and answers a pointer
 * to {@code [bytecode pointer, bytecode length]}; {@code invoke(ptr, len, 0, 0)} loads
 * and evaluates such bytecode, then runs pending promise jobs until none is left. Both
 * panic (print to stderr and trap) on a JavaScript error. Memory for arguments and
 * answers comes from {@code canonical_abi_realloc(0, 0, align, size)}.
 */
final class QuickJs {

	/** The name of every module the plugin compiles. */
	static final String MODULE_NAME = "function.mjs";

	private static final int ALIGNMENT = 1;

	private QuickJs() {
	}

	static void initializeRuntime(Instance instance) {
		instance.export("initialize_runtime").apply();
	}

	static byte[] compile(Instance instance, byte[] source) {
		int sourcePointer = copyIn(instance, source);
		int result = (int) instance.export("compileSrc").apply(sourcePointer, source.length)[0];
		Memory memory = instance.memory();
		return memory.readBytes(memory.readInt(result), memory.readInt(result + 4));
	}

	static void evaluate(Instance instance, byte[] bytecode) {
		int pointer = copyIn(instance, bytecode);
		instance.export("invoke").apply(pointer, bytecode.length, 0, 0);
	}

	/**
	 * Hands a host function's answer back to the plugin: the UTF-8 bytes, and a pointer
	 * to {@code [pointer, length]}, both of which the plugin frees.
	 */
	static int writeAnswer(Instance instance, String answer) {
		byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
		int pointer = copyIn(instance, bytes);
		int pair = allocate(instance, 8);
		instance.memory().writeI32(pair, pointer);
		instance.memory().writeI32(pair + 4, bytes.length);
		return pair;
	}

	/**
	 * Renames the module compiled into the bytecode, so that it does not shadow the
	 * modules compiled later under the same name: QuickJS resolves {@code import()} of a
	 * name to the first module loaded with it.
	 *
	 * <p>
	 * The name is the one string of that text in the bytecode's atom table, written as a
	 * LEB128 length (twice the number of Latin-1 characters) and the characters.
	 * @throws IllegalStateException when the bytecode does not hold the name exactly once
	 */
	static byte[] renameModule(byte[] bytecode, String newName) {
		byte[] from = atom(MODULE_NAME);
		byte[] to = atom(newName);
		int found = -1;
		for (int i = 0; i + from.length <= bytecode.length; i++) {
			if (Arrays.equals(bytecode, i, i + from.length, from, 0, from.length)) {
				if (found >= 0) {
					throw new IllegalStateException("The module name " + MODULE_NAME + " occurs more than once");
				}
				found = i;
			}
		}
		if (found < 0) {
			throw new IllegalStateException("The module name " + MODULE_NAME + " is not in the bytecode");
		}
		byte[] renamed = new byte[bytecode.length - from.length + to.length];
		System.arraycopy(bytecode, 0, renamed, 0, found);
		System.arraycopy(to, 0, renamed, found, to.length);
		System.arraycopy(bytecode, found + from.length, renamed, found + to.length,
				bytecode.length - found - from.length);
		return renamed;
	}

	private static byte[] atom(String name) {
		if (name.isEmpty() || name.length() > 63 || !name.chars().allMatch((c) -> c > ' ' && c < 127)) {
			throw new IllegalArgumentException("Module name must be 1 to 63 printable ASCII characters: " + name);
		}
		byte[] atom = new byte[name.length() + 1];
		atom[0] = (byte) (name.length() << 1);
		System.arraycopy(name.getBytes(StandardCharsets.US_ASCII), 0, atom, 1, name.length());
		return atom;
	}

	private static int copyIn(Instance instance, byte[] bytes) {
		int pointer = allocate(instance, bytes.length);
		instance.memory().write(pointer, bytes);
		return pointer;
	}

	private static int allocate(Instance instance, int size) {
		int pointer = (int) instance.export("canonical_abi_realloc").apply(0, 0, ALIGNMENT, size)[0];
		if (pointer == 0) {
			throw new OutOfMemoryInGuestException(size);
		}
		return pointer;
	}

	/** The plugin's allocator returned no memory. */
	static final class OutOfMemoryInGuestException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		OutOfMemoryInGuestException(int size) {
			super("out of memory: cannot allocate " + size + " bytes");
		}

	}

}
