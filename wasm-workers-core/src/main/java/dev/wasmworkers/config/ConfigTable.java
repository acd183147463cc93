package dev.wasmworkers.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * A table of a worker config file with typed accessors that report a value of the wrong
 * type as a {@link WorkerConfigException} naming its key path and line.
 */
final class ConfigTable {

	private static final TomlMapper MAPPER = new TomlMapper();

	private final ObjectNode node;

	private final KeyPath path;

	private final Path file;

	private final String text;

	private ConfigTable(ObjectNode node, KeyPath path, Path file, String text) {
		this.node = node;
		this.path = path;
		this.file = file;
		this.text = text;
	}

	/**
	 * Reads and parses a TOML file into its root table.
	 * @throws WorkerConfigException when the file cannot be read, is not UTF-8 or is not
	 * valid TOML, with the line the parser stopped at
	 */
	static ConfigTable read(Path file) throws WorkerConfigException {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (MalformedInputException ex) {
			throw new WorkerConfigException(file, OptionalInt.empty(), "not UTF-8 text", ex);
		}
		catch (IOException ex) {
			throw new WorkerConfigException(file, OptionalInt.empty(), "cannot be read: " + ex, ex);
		}
		try {
			return new ConfigTable(MAPPER.readValue(text, ObjectNode.class), KeyPath.ROOT, file, text);
		}
		catch (JacksonException ex) {
			TokenStreamLocation location = ex.getLocation();
			OptionalInt line = (location != null && location.getLineNr() > 0) ? OptionalInt.of(location.getLineNr())
					: OptionalInt.empty();
			throw new WorkerConfigException(file, line, "invalid TOML: " + ex.getOriginalMessage(), ex);
		}
	}

	/** The path of this table in the file, such as {@code folders[1]}. */
	KeyPath path() {
		return this.path;
	}

	/**
	 * The raw value at the key, or null when the key is missing.
	 */
	@Nullable JsonNode value(String key) {
		return this.node.get(key);
	}

	/**
	 * The string at the key, or empty when the key is missing.
	 * @throws WorkerConfigException when the value is not a string
	 */
	Optional<String> string(String key) throws WorkerConfigException {
		JsonNode value = this.node.get(key);
		if (value == null) {
			return Optional.empty();
		}
		if (!value.isString()) {
			throw problem(key, "must be a string");
		}
		return Optional.of(value.stringValue());
	}

	/**
	 * The string at the key.
	 * @throws WorkerConfigException when the key is missing or its value is not a string
	 */
	String requiredString(String key) throws WorkerConfigException {
		return string(key).orElseThrow(() -> problem(key, "is required"));
	}

	/** The value at the key as text when it is a string or a number, else empty. */
	Optional<String> stringOrNumber(String key) {
		JsonNode value = this.node.get(key);
		return (value != null && (value.isString() || value.isNumber())) ? Optional.of(value.asString())
				: Optional.empty();
	}

	/**
	 * The strings of the array at the key, in order, or empty when the key is missing.
	 * @throws WorkerConfigException when the value is not an array or one of its elements
	 * is not a string
	 */
	Optional<List<String>> stringArray(String key) throws WorkerConfigException {
		JsonNode value = this.node.get(key);
		if (value == null) {
			return Optional.empty();
		}
		if (!value.isArray()) {
			throw problem(key, "must be an array of strings, such as [\"a\", \"b\"]");
		}
		List<String> strings = new ArrayList<>();
		for (int index = 0; index < value.size(); index++) {
			if (!value.get(index).isString()) {
				throw problem(key, index, "must be a string");
			}
			strings.add(value.get(index).stringValue());
		}
		return Optional.of(strings);
	}

	/**
	 * The boolean at the key, or empty when the key is missing.
	 * @throws WorkerConfigException when the value is not a boolean
	 */
	Optional<Boolean> bool(String key) throws WorkerConfigException {
		JsonNode value = this.node.get(key);
		if (value == null) {
			return Optional.empty();
		}
		if (!value.isBoolean()) {
			throw problem(key, "must be true or false");
		}
		return Optional.of(value.booleanValue());
	}

	/**
	 * The table reached through the keys, such as {@code table("data", "kv")} for
	 * {@code [data.kv]}, or empty when one of them is missing.
	 * @throws WorkerConfigException when one of the values is not a table
	 */
	Optional<ConfigTable> table(String... keys) throws WorkerConfigException {
		ConfigTable table = this;
		for (String key : keys) {
			JsonNode value = table.node.get(key);
			if (value == null) {
				return Optional.empty();
			}
			if (!value.isObject()) {
				throw table.problem(key, "must be a table");
			}
			table = new ConfigTable((ObjectNode) value, table.path.key(key), this.file, this.text);
		}
		return Optional.of(table);
	}

	/**
	 * The tables of the array at the key, such as the {@code [[folders]]} entries, or an
	 * empty list when the key is missing.
	 * @throws WorkerConfigException when the value is not an array or one of its elements
	 * is not a table
	 */
	List<ConfigTable> tables(String key) throws WorkerConfigException {
		JsonNode value = this.node.get(key);
		if (value == null) {
			return List.of();
		}
		if (!value.isArray()) {
			throw problem(key, "must be an array of tables, such as [[" + key + "]] entries");
		}
		List<ConfigTable> tables = new ArrayList<>();
		for (int index = 0; index < value.size(); index++) {
			KeyPath elementPath = this.path.key(key).element(index);
			if (!value.get(index).isObject()) {
				throw problem(elementPath, "must be a table");
			}
			tables.add(new ConfigTable((ObjectNode) value.get(index), elementPath, this.file, this.text));
		}
		return tables;
	}

	/**
	 * All the values of this table, which must be strings, in file order.
	 * @throws WorkerConfigException when one of the values is not a string
	 */
	Map<String, String> strings() throws WorkerConfigException {
		Map<String, String> strings = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : this.node.properties()) {
			if (!entry.getValue().isString()) {
				throw problem(entry.getKey(), "must be a string");
			}
			strings.put(entry.getKey(), entry.getValue().stringValue());
		}
		return strings;
	}

	/**
	 * An exception for the value at the key of this table, with the line of that key.
	 * @param reason what is wrong, to follow the key path, such as "must be a string"
	 */
	WorkerConfigException problem(String key, String reason) {
		return problem(this.path.key(key), reason);
	}

	/**
	 * An exception for an element of the array at the key of this table, with the line of
	 * that key.
	 * @param reason what is wrong, to follow the element's path, such as "must be a
	 * string"
	 */
	WorkerConfigException problem(String key, int index, String reason) {
		return problem(this.path.key(key).element(index), reason);
	}

	private WorkerConfigException problem(KeyPath at, String reason) {
		return new WorkerConfigException(this.file, KeyLines.of(this.text).lineOf(at), at + " " + reason);
	}

}
