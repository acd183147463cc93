package dev.wasmworkers.engine;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.List;
import java.util.Locale;

/** Writes function types in WebAssembly text syntax, for messages. */
final class Signatures {

	private Signatures() {
	}

	/**
	 * The type as WebAssembly text, for example
	 * {@code (func (param i32 i32) (result i32))}.
	 */
	static String describe(FunctionType type) {
		StringBuilder text = new StringBuilder("(func");
		append(text, "param", type.params());
		append(text, "result", type.returns());
		return text.append(')').toString();
	}

	private static void append(StringBuilder text, String keyword, List<ValType> types) {
		if (types.isEmpty()) {
			return;
		}
		text.append(" (").append(keyword);
		for (ValType type : types) {
			text.append(' ').append(name(type));
		}
		text.append(')');
	}

	private static String name(ValType type) {
		if (ValType.FuncRef.equals(type)) {
			return "funcref";
		}
		if (ValType.ExternRef.equals(type)) {
			return "externref";
		}
		return type.toString().toLowerCase(Locale.ROOT);
	}

}
