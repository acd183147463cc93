package dev.wasmworkers.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The path of a value in a TOML document, such as {@code data.kv.namespace} or
 * {@code folders[1].to}.
 *
 * @param segments the keys ({@link String}) and array indexes ({@link Integer}) from the
 * root to the value
 */
record KeyPath(List<Object> segments) {

	/** The path of the document itself. */
	static final KeyPath ROOT = new KeyPath(List.of());

	private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

	KeyPath {
		segments = List.copyOf(segments);
	}

	/** The path of a key of the table at this path. */
	KeyPath key(String name) {
		return append(name);
	}

	/** The path of an element of the array at this path, counted from 0. */
	KeyPath element(int index) {
		return append(index);
	}

	/** The path of the enclosing table or array, or empty for the root. */
	Optional<KeyPath> parent() {
		return this.segments.isEmpty() ? Optional.empty()
				: Optional.of(new KeyPath(this.segments.subList(0, this.segments.size() - 1)));
	}

	private KeyPath append(Object segment) {
		List<Object> appended = new ArrayList<>(this.segments);
		appended.add(segment);
		return new KeyPath(appended);
	}

	/**
	 * Renders the path as a TOML reader would write it, quoting keys that are not bare.
	 */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		for (Object segment : this.segments) {
			if (segment instanceof Integer index) {
				text.append('[').append(index).append(']');
			}
			else {
				String key = (String) segment;
				text.append(text.isEmpty() ? "" : ".");
				text.append(BARE_KEY.matcher(key).matches() ? key : '"' + key + '"');
			}
		}
		return text.toString();
	}

}
