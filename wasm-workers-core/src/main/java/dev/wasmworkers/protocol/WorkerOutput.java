package dev.wasmworkers.protocol;

import java.util.Map;

/**
 * The response a worker writes on stdout.
 *
 * @param data the response body: text, or standard base64 when {@code base64} is true
 * @param headers the response headers as the worker named them
 * @param status the HTTP status the worker asked for
 * @param kv the complete new state of the worker's KV namespace
 * @param base64 whether {@code data} is base64-encoded binary
 */
public record WorkerOutput(String data, Map<String, String> headers, int status, Map<String, String> kv,
		boolean base64) {

	public WorkerOutput {
		headers = Map.copyOf(headers);
		kv = Map.copyOf(kv);
	}

}
