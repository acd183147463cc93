package dev.wasmworkers.protocol;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The request a worker reads on stdin, with the fields and field order of wws.
 *
 * @param url the absolute request URL ({@code scheme://host/path?query})
 * @param method the upper-case HTTP method
 * @param headers the request headers, lower-case names, last value wins
 * @param body the request body decoded as UTF-8, or an empty string when it is not valid
 * UTF-8
 * @param kv the snapshot of the worker's KV namespace, empty without a namespace
 * @param params the route parameters, empty for static routes
 */
@JsonPropertyOrder({ "url", "method", "headers", "body", "kv", "params" })
public record WorkerInput(String url, String method, Map<String, String> headers, String body, Map<String, String> kv,
		Map<String, String> params) {

	public WorkerInput {
		headers = Map.copyOf(headers);
		kv = Map.copyOf(kv);
		params = Map.copyOf(params);
	}

	/**
	 * The same request with the given KV snapshot.
	 * @param snapshot the entries of the worker's KV namespace
	 * @return a copy of this input with {@code kv} replaced
	 */
	public WorkerInput withKv(Map<String, String> snapshot) {
		return new WorkerInput(this.url, this.method, this.headers, this.body, snapshot, this.params);
	}

}
