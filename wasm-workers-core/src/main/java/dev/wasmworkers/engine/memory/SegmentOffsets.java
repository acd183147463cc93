package dev.wasmworkers.engine.memory;

import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.Instruction;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Evaluates the offsets of a module's active data segments without instantiating it: the
 * constant expressions of WebAssembly 2.0 with extended constants ({@code i32.const},
 * {@code i32.add}, {@code i32.sub}, {@code i32.mul}) and {@code global.get} of the
 * module's own globals.
 */
final class SegmentOffsets {

	private final WasmModule module;

	private final int importedGlobals;

	SegmentOffsets(WasmModule module) {
		this.module = module;
		this.importedGlobals = module.importSection().count(ExternalType.GLOBAL);
	}

	/**
	 * The segment's offset, as the unsigned 32-bit address it stands for.
	 * @throws IllegalArgumentException when the offset is not such an expression
	 */
	long offset(int segmentIndex, ActiveDataSegment segment) {
		return Integer.toUnsignedLong(evaluate(segment.offsetInstructions(), "data segment " + segmentIndex, 0));
	}

	private int evaluate(List<Instruction> expression, String owner, int depth) {
		Deque<Integer> stack = new ArrayDeque<>();
		for (Instruction instruction : expression) {
			switch (instruction.opcode()) {
				case I32_CONST -> stack.push((int) instruction.operand(0));
				case I32_ADD -> stack.push(stack.pop() + stack.pop());
				case I32_SUB -> {
					int right = stack.pop();
					stack.push(stack.pop() - right);
				}
				case I32_MUL -> stack.push(stack.pop() * stack.pop());
				case GLOBAL_GET -> stack.push(global((int) instruction.operand(0), owner, depth));
				case END -> {
				}
				default -> throw new IllegalArgumentException(
						"The offset of " + owner + " uses " + instruction.opcode() + ", which is not a constant");
			}
		}
		if (stack.size() != 1) {
			throw new IllegalArgumentException("The offset of " + owner + " is not one i32 value");
		}
		return stack.pop();
	}

	private int global(int index, String owner, int depth) {
		if (index < this.importedGlobals) {
			throw new IllegalArgumentException(
					"The offset of " + owner + " reads imported global " + index + ", known only when instantiated");
		}
		if (depth > this.module.globalSection().globalCount()) {
			throw new IllegalArgumentException("The offset of " + owner + " reads globals in a cycle");
		}
		return evaluate(this.module.globalSection().getGlobal(index - this.importedGlobals).initInstructions(), owner,
				depth + 1);
	}

}
