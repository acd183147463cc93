package dev.wasmworkers.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Finds the line of each key in the text of a TOML document that has already parsed.
 *
 * <p>
 * Jackson's TOML parser builds a tree without locations, so the lines of values it
 * accepted are found here: a light scan of the text that follows table headers
 * ({@code [data.kv]}), arrays of tables ({@code [[folders]]}, counted), dotted keys,
 * inline tables and arrays, and skips strings and comments. A key written in a quoted
 * form with escapes is not recognised; its table's line is used instead. Should the scan
 * meet text it does not understand, it keeps the lines found so far.
 */
final class KeyLines {

	private final String text;

	private final Map<KeyPath, Integer> lines = new HashMap<>();

	private final Map<KeyPath, Integer> arrayTableSizes = new HashMap<>();

	private int position;

	private int line = 1;

	private KeyLines(String text) {
		this.text = text;
	}

	/** Scans the text of a TOML document. */
	static KeyLines of(String text) {
		KeyLines keyLines = new KeyLines(text);
		try {
			keyLines.document();
		}
		catch (UnexpectedText ex) {
			// Keep the lines found before the text that was not understood.
		}
		return keyLines;
	}

	/**
	 * The line of the key or table at the path, else of the nearest enclosing key or
	 * table whose line is known, such as the {@code [[folders]]} header of a missing
	 * {@code to}.
	 */
	OptionalInt lineOf(KeyPath path) {
		Optional<KeyPath> candidate = Optional.of(path);
		while (candidate.isPresent()) {
			Integer found = this.lines.get(candidate.get());
			if (found != null) {
				return OptionalInt.of(found);
			}
			candidate = candidate.get().parent();
		}
		return OptionalInt.empty();
	}

	private void document() {
		KeyPath table = KeyPath.ROOT;
		skipBlank();
		while (this.position < this.text.length()) {
			if (peek() == '[') {
				table = header();
			}
			else {
				keyValue(table);
			}
			skipBlank();
		}
	}

	private KeyPath header() {
		int at = this.line;
		boolean arrayTable = this.text.startsWith("[[", this.position);
		next();
		if (arrayTable) {
			next();
		}
		List<String> keys = keys();
		KeyPath path = KeyPath.ROOT;
		for (String key : keys.subList(0, keys.size() - 1)) {
			path = latestElement(path.key(key));
		}
		path = path.key(keys.get(keys.size() - 1));
		if (arrayTable) {
			path = path.element(this.arrayTableSizes.merge(path, 1, Integer::sum) - 1);
			expect(']');
		}
		expect(']');
		this.lines.putIfAbsent(path, at);
		return path;
	}

	private KeyPath latestElement(KeyPath path) {
		Integer size = this.arrayTableSizes.get(path);
		return (size != null) ? path.element(size - 1) : path;
	}

	private void keyValue(KeyPath table) {
		int at = this.line;
		KeyPath path = table;
		for (String key : keys()) {
			path = path.key(key);
		}
		this.lines.putIfAbsent(path, at);
		expect('=');
		skipSpaces();
		value(path);
	}

	private List<String> keys() {
		List<String> keys = new ArrayList<>();
		while (true) {
			skipSpaces();
			keys.add(key());
			skipSpaces();
			if (peek() != '.') {
				return keys;
			}
			next();
		}
	}

	private String key() {
		char first = peek();
		if (first == '"' || first == '\'') {
			int start = this.position + 1;
			skipString(first);
			return this.text.substring(start, this.position - 1);
		}
		int start = this.position;
		while (isBareKeyCharacter(peek())) {
			next();
		}
		if (this.position == start) {
			throw new UnexpectedText();
		}
		return this.text.substring(start, this.position);
	}

	private void value(KeyPath path) {
		char first = peek();
		if (first == '"' || first == '\'') {
			skipString(first);
		}
		else if (first == '{') {
			inlineTable(path);
		}
		else if (first == '[') {
			array(path);
		}
		else {
			while (this.position < this.text.length() && ",]}#\r\n".indexOf(peek()) < 0) {
				next();
			}
		}
	}

	private void inlineTable(KeyPath path) {
		next();
		skipBlank();
		while (peek() != '}') {
			keyValue(path);
			skipBlank();
			if (peek() != '}') {
				expect(',');
				skipBlank();
			}
		}
		next();
	}

	private void array(KeyPath path) {
		next();
		skipBlank();
		for (int index = 0; peek() != ']'; index++) {
			this.lines.putIfAbsent(path.element(index), this.line);
			value(path.element(index));
			skipBlank();
			if (peek() != ']') {
				expect(',');
				skipBlank();
			}
		}
		next();
	}

	private void skipString(char quote) {
		String delimiter = String.valueOf(quote).repeat(3);
		boolean multiLine = this.text.startsWith(delimiter, this.position);
		this.position += multiLine ? 3 : 1;
		while (!(multiLine ? this.text.startsWith(delimiter, this.position) : peek() == quote)) {
			if (this.position >= this.text.length()) {
				throw new UnexpectedText();
			}
			if (quote == '"' && peek() == '\\') {
				next();
			}
			next();
		}
		this.position += multiLine ? 3 : 1;
		// A multi-line string may end with one or two quotes of its own before the
		// delimiter.
		while (multiLine && peek() == quote) {
			next();
		}
	}

	private void skipSpaces() {
		while (peek() == ' ' || peek() == '\t') {
			next();
		}
	}

	/** Skips spaces, line breaks and comments. */
	private void skipBlank() {
		while (this.position < this.text.length()) {
			char c = peek();
			if (c == '#') {
				while (this.position < this.text.length() && peek() != '\n') {
					next();
				}
			}
			else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
				next();
			}
			else {
				return;
			}
		}
	}

	private void expect(char expected) {
		skipSpaces();
		if (peek() != expected) {
			throw new UnexpectedText();
		}
		next();
	}

	/** The character at the position, or {@code '\0'} at the end of the text. */
	private char peek() {
		return (this.position < this.text.length()) ? this.text.charAt(this.position) : '\0';
	}

	/** Moves past the character at the position, counting lines. */
	private void next() {
		if (peek() == '\n') {
			this.line++;
		}
		this.position++;
	}

	private static boolean isBareKeyCharacter(char c) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
	}

	/** Thrown when the scan meets text it does not understand, to stop it. */
	private static final class UnexpectedText extends RuntimeException {

		private static final long serialVersionUID = 1L;

		UnexpectedText() {
			super(null, null, false, false);
		}

	}

}
