package dev.wasmworkers.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.wasmworkers.engine.JavaScriptEngine;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepares a JavaScript worker's source for the engine: the worker's {@code [vars]} as
 * constants and the call that serves the request, all on the first line in front of the
 * worker's code, so that every line keeps its number.
 *
 * <p>
 * The worker is compiled as an ES module. The first line becomes:
 *
 * <pre>
 * const NAME = "value";... __wwsServe("file.js", shift, vars, import("function.mjs"));&lt;first line of the worker&gt;
 * </pre>
 *
 * {@code __wwsServe} (defined by {@code worker-api.js}) reads the request, and calls the
 * worker's handler once the module has been evaluated: the default export's
 * {@code fetch}, or else the {@code fetch} event listeners. The dynamic import of the
 * module itself is how it reaches the default export, so an ES module worker needs no
 * detection by pattern, unlike in wws.
 *
 * <p>
 * As in wws, each variable becomes a {@code const} (wws prepends
 * {@code const NAME = "value";} to the source). Names that are not JavaScript identifiers
 * or are reserved words would make the module invalid; they are left out and reported.
 * Values are written as JSON strings with every non-ASCII character escaped, so that the
 * first line's shift is the same in characters and in bytes.
 */
final class JavaScriptSource {

	/** The function of the worker API that serves one request. */
	static final String SERVE = "__wwsServe";

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

	private static final Set<String> RESERVED = Set.of("await", "break", "case", "catch", "class", "const", "continue",
			"debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
			"function", "if", "implements", "import", "in", "instanceof", "interface", "let", "new", "null", "package",
			"private", "protected", "public", "return", "static", "super", "switch", "this", "throw", "true", "try",
			"typeof", "var", "void", "while", "with", "yield", "arguments", "eval", SERVE);

	private static final JsonMapper json = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

	private JavaScriptSource() {
	}

	/**
	 * Prepares one worker.
	 * @param fileName the worker's file name, as shown in its stack traces
	 * @param source the worker's code
	 * @param vars the worker's variables, in order
	 * @return the module source, the first line's shift and the variables left out
	 */
	static Prepared prepare(String fileName, String source, Map<String, String> vars) {
		StringBuilder constants = new StringBuilder();
		List<String> entries = new ArrayList<>();
		List<String> skipped = new ArrayList<>();
		vars.forEach((name, value) -> {
			if (!isIdentifier(name)) {
				skipped.add(name);
				return;
			}
			String literal = json.writeValueAsString(value);
			constants.append("const ").append(name).append(" = ").append(literal).append(";");
			entries.add("[" + json.writeValueAsString(name) + "," + literal + "]");
		});
		String beforeShift = constants + SERVE + "(" + json.writeValueAsString(fileName) + ", ";
		String afterShift = ", Object.fromEntries([" + String.join(",", entries) + "]), import("
				+ json.writeValueAsString(JavaScriptEngine.MODULE_NAME) + "));";
		int shift = beforeShift.length() + afterShift.length();
		while (beforeShift.length() + String.valueOf(shift).length() + afterShift.length() != shift) {
			shift = beforeShift.length() + String.valueOf(shift).length() + afterShift.length();
		}
		return new Prepared(beforeShift + shift + afterShift + withoutHashbang(source), shift, List.copyOf(skipped));
	}

	/**
	 * Whether a variable can be declared as a constant of that name.
	 * @param name the variable's name
	 * @return whether it is an ASCII identifier and not a reserved word
	 */
	static boolean isIdentifier(String name) {
		return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name);
	}

	private static String withoutHashbang(String source) {
		String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
		return text.startsWith("#!") ? "//" + text.substring(2) : text;
	}

	/**
	 * A prepared worker.
	 *
	 * @param code the module's source
	 * @param firstLineShift the number of characters in front of the worker's first line
	 * @param skippedVars the variables that could not be declared
	 */
	record Prepared(String code, int firstLineShift, List<String> skippedVars) {
	}

}
