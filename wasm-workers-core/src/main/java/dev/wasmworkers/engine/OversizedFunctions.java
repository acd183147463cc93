package dev.wasmworkers.engine;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the functions of a module that are certainly too large for one JVM method, so
 * that they go to Chicory's interpreter without being compiled first.
 *
 * <p>
 * Chicory's compiler only finds out that a function is too large once it has generated
 * the whole method, which for one huge function (millions of instructions, or a
 * {@code br_table} of a million targets) takes minutes and much memory. A lower bound of
 * each function's bytecode is cheap instead: every instruction but the structural ones
 * ({@code nop}, {@code block}, {@code loop}, {@code else}, {@code end}) takes at least
 * one byte, and each target of a {@code br_table} takes four in the {@code tableswitch}
 * it becomes. A function whose lower bound passes the JVM's limit of 65,535 bytes cannot
 * compile.
 */
final class OversizedFunctions {

	/** The most bytes of bytecode the JVM accepts in one method. */
	static final int JVM_METHOD_LIMIT = 65535;

	private static final int BYTES_PER_TABLE_TARGET = 4;

	private OversizedFunctions() {
	}

	/**
	 * The indexes, in the module's function index space (imported functions first), of
	 * the functions certainly too large for a JVM method.
	 */
	static Set<Integer> of(WasmModule module) {
		int imported = module.importSection().count(ExternalType.FUNCTION);
		Set<Integer> oversized = new TreeSet<>();
		FunctionBody[] bodies = module.codeSection().functionBodies();
		for (int i = 0; i < bodies.length; i++) {
			if (exceedsLimit(bodies[i])) {
				oversized.add(imported + i);
			}
		}
		return oversized;
	}

	private static boolean exceedsLimit(FunctionBody body) {
		long bytes = 0;
		for (Instruction instruction : body.instructions()) {
			bytes += leastBytes(instruction);
			if (bytes > JVM_METHOD_LIMIT) {
				return true;
			}
		}
		return false;
	}

	private static long leastBytes(Instruction instruction) {
		return switch (instruction.opcode()) {
			case NOP, BLOCK, LOOP, ELSE, END -> 0;
			case BR_TABLE -> (long) BYTES_PER_TABLE_TARGET * instruction.operandCount();
			default -> 1;
		};
	}

}
