package dev.wasmworkers.testing;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads response bodies as JSON trees in tests.
 */
public final class Json {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/**
	 * Parses a JSON text.
	 * @param json the text
	 * @return its tree
	 */
	public static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	/**
	 * The names of an object's fields, in order.
	 * @param node the object
	 * @return the field names
	 */
	public static List<String> fieldNames(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	/**
	 * The text values of an array, in order.
	 * @param node the array
	 * @return the values
	 */
	public static List<String> strings(JsonNode node) {
		List<String> values = new ArrayList<>();
		node.forEach((element) -> values.add(element.stringValue()));
		return values;
	}

}
