package dev.wasmworkers.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes worker input to JSON and decodes worker output from JSON, as strictly as wws
 * does.
 */
public final class WorkerProtocol {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	/**
	 * Serialises the input compactly, on one line, with the wws field order.
	 * @param input the request for the worker
	 * @return the bytes to write to the worker's stdin
	 */
	public byte[] encode(WorkerInput input) {
		return this.mapper.writeValueAsBytes(input);
	}

	/**
	 * Parses everything a worker wrote on stdout as exactly one output object.
	 * @param stdout the worker's standard output
	 * @return the decoded output
	 * @throws InvalidWorkerOutputException if stdout is empty, not JSON, several
	 * documents, or a field is missing or of the wrong type
	 */
	public WorkerOutput decode(byte[] stdout) throws InvalidWorkerOutputException {
		if (isBlank(stdout)) {
			throw new InvalidWorkerOutputException("the worker wrote nothing on stdout");
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(stdout);
		}
		catch (JacksonException ex) {
			throw new InvalidWorkerOutputException("stdout is not one JSON object: " + ex.getOriginalMessage());
		}
		if (!root.isObject()) {
			throw new InvalidWorkerOutputException("stdout is JSON but not an object");
		}
		return new WorkerOutput(requiredString(root, "data"), stringMap(root, "headers"), status(root),
				stringMap(root, "kv"), base64(root));
	}

	private static boolean isBlank(byte[] bytes) {
		for (byte b : bytes) {
			if (!Character.isWhitespace(b)) {
				return false;
			}
		}
		return true;
	}

	private static JsonNode required(JsonNode root, String field) throws InvalidWorkerOutputException {
		JsonNode node = root.get(field);
		if (node == null) {
			throw new InvalidWorkerOutputException("missing field '" + field + "'");
		}
		return node;
	}

	private static String requiredString(JsonNode root, String field) throws InvalidWorkerOutputException {
		JsonNode node = required(root, field);
		if (!node.isString()) {
			throw new InvalidWorkerOutputException("field '" + field + "' must be a string");
		}
		return node.stringValue();
	}

	private static int status(JsonNode root) throws InvalidWorkerOutputException {
		JsonNode node = required(root, "status");
		if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0 || node.intValue() > 65535) {
			throw new InvalidWorkerOutputException("field 'status' must be an integer from 0 to 65535");
		}
		return node.intValue();
	}

	private static Map<String, String> stringMap(JsonNode root, String field) throws InvalidWorkerOutputException {
		JsonNode node = required(root, field);
		if (!node.isObject()) {
			throw new InvalidWorkerOutputException("field '" + field + "' must be an object of strings");
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!entry.getValue().isString()) {
				throw new InvalidWorkerOutputException("field '" + field + "." + entry.getKey() + "' must be a string");
			}
			values.put(entry.getKey(), entry.getValue().stringValue());
		}
		return values;
	}

	private static boolean base64(JsonNode root) throws InvalidWorkerOutputException {
		JsonNode node = root.get("base64");
		if (node == null || node.isNull()) {
			return false;
		}
		if (!node.isBoolean()) {
			throw new InvalidWorkerOutputException("field 'base64' must be a boolean");
		}
		return node.booleanValue();
	}

}
