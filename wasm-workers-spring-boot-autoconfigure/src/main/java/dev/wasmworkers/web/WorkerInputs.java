package dev.wasmworkers.web;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.wasmworkers.protocol.RequestUrl;
import dev.wasmworkers.protocol.WorkerInput;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * Builds the wws input of a request routed to a worker, the same way on both web stacks:
 * the one place where the worker's {@code url}, headers and body are made.
 */
final class WorkerInputs {

	private WorkerInputs() {
	}

	/**
	 * Builds the input, without its KV snapshot.
	 * @param route the worker route the request matched
	 * @param method the request method
	 * @param headers the request headers
	 * @param uri the request URI as the server received it
	 * @param body the request body
	 * @return the input
	 */
	static WorkerInput of(RequestRoute.ToWorker route, HttpMethod method, HttpHeaders headers, URI uri, byte[] body) {
		Map<String, String> lastValues = lastValues(headers);
		String url = RequestUrl.of(lastValues, uri.getScheme(), uri.getAuthority(), route.path(), uri.getRawQuery());
		return new WorkerInput(url, method.name(), lastValues, utf8OrEmpty(body), Map.of(), route.params());
	}

	private static Map<String, String> lastValues(HttpHeaders headers) {
		Map<String, String> values = new LinkedHashMap<>();
		headers.forEach((name, list) -> {
			if (!list.isEmpty()) {
				values.put(name.toLowerCase(Locale.ROOT), list.get(list.size() - 1));
			}
		});
		return values;
	}

	private static String utf8OrEmpty(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return "";
		}
	}

}
