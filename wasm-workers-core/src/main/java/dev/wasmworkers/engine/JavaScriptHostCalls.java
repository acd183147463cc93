package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmworkers.engine.wasi.GuestMemory;
import dev.wasmworkers.engine.wasi.StackReserve;
import dev.wasmworkers.http.HttpErrorKind;
import dev.wasmworkers.http.HttpHeader;
import dev.wasmworkers.http.HttpMethod;
import dev.wasmworkers.http.OutboundHttp;
import dev.wasmworkers.http.OutboundHttpException;
import dev.wasmworkers.http.OutboundRequest;
import dev.wasmworkers.http.OutboundResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host functions JavaScript reaches through the QuickJS plugin's one import,
 * {@code chicory.invoke(module, name, argument)}, which the plugin exposes to JavaScript
 * as {@code java_invoke}. The argument and the answer are JSON text.
 *
 * <p>
 * The host function is created once ({@link #function(Function)}); one object per run
 * keeps what the run reported. Each call first makes sure enough stack is left (see
 * {@link StackReserve}). The functions:
 * <ul>
 * <li>{@code wws.seed}: four random 32-bit integers, to seed {@code Math.random} (the
 * engine image holds QuickJS's own seed, the same for every run);</li>
 * <li>{@code wws.fail}: the run failed, with this description (a JSON string);</li>
 * <li>{@code http.fetch}: an outbound HTTP request, sent through the worker's
 * {@link OutboundHttp} (the client and allow-list of {@code http.send-http-request}), see
 * {@link #fetch(String)}.</li>
 * </ul>
 * Anything else answers {@code {"error": "..."}}.
 */
final class JavaScriptHostCalls {

	static final String IMPORT_MODULE = "chicory";

	static final String IMPORT_NAME = "invoke";

	private static final FunctionType TYPE = FunctionType.of(
			List.of(ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32, ValType.I32),
			List.of(ValType.I32));

	private static final int MAX_FAILURE_LENGTH = 2000;

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Logger logger = LoggerFactory.getLogger(JavaScriptHostCalls.class);

	private final OutboundHttp outboundHttp;

	private @Nullable String failure;

	/**
	 * Creates the host calls of one run.
	 * @param outboundHttp sends the run's {@code fetch} requests under the worker's
	 * allow-list
	 */
	JavaScriptHostCalls(OutboundHttp outboundHttp) {
		this.outboundHttp = Objects.requireNonNull(outboundHttp, "outboundHttp");
	}

	/**
	 * The import, created once: each call goes to the host calls of the run that makes
	 * it.
	 * @param runs finds the host calls of the run an instance belongs to
	 * @return the host function for {@code chicory.invoke}
	 */
	static HostFunction function(Function<Instance, JavaScriptHostCalls> runs) {
		return new HostFunction(IMPORT_MODULE, IMPORT_NAME, TYPE,
				(instance, args) -> runs.apply(instance).invoke(instance, args));
	}

	/**
	 * What the run reported through {@code wws.fail}.
	 * @return the description of the failure, or null when none was reported
	 */
	@Nullable String failure() {
		return this.failure;
	}

	private long[] invoke(Instance instance, long... args) {
		StackReserve.ensure();
		Memory memory = instance.memory();
		String module = text(memory, args[0], args[1]);
		String name = text(memory, args[2], args[3]);
		String argument = text(memory, args[4], args[5]);
		return new long[] { QuickJs.writeAnswer(instance, answer(module, name, argument)) };
	}

	private static String text(Memory memory, long address, long length) {
		return new String(GuestMemory.bytes(memory, (int) address, (int) length), StandardCharsets.UTF_8);
	}

	/**
	 * Answers one call.
	 * @param module the function's module
	 * @param name the function's name
	 * @param argument the argument, as JSON
	 * @return the answer, as JSON
	 */
	String answer(String module, String name, String argument) {
		switch (module + "." + name) {
			case "wws.seed":
				ThreadLocalRandom random = ThreadLocalRandom.current();
				return "[" + Integer.toUnsignedString(random.nextInt()) + ","
						+ Integer.toUnsignedString(random.nextInt()) + "," + Integer.toUnsignedString(random.nextInt())
						+ "," + Integer.toUnsignedString(random.nextInt()) + "]";
			case "wws.fail":
				this.failure = truncate(text(argument));
				return "null";
			case "http.fetch":
				return fetch(argument);
			default:
				return error("unknown host function " + module + "." + name);
		}
	}

	/**
	 * Sends an outbound HTTP request for JavaScript's {@code fetch}, as
	 * {@code http.send-http-request} does: on a thread of its own, through the same
	 * client and allow-list. The argument is {@code {"url", "method", "headers": [[name,
	 * value], ...], "body": base64}}; the answer is {@code {"status", "headers": [[name,
	 * value], ...], "body": base64}}, or {@code {"error": "[<Kind>] <message>"}}, which
	 * rejects the {@code fetch} promise with a {@code TypeError} of that message. The
	 * kinds are those of wws's JavaScript binding (see {@link #kindName(HttpErrorKind)}).
	 * @param argument the request, as JSON
	 * @return the answer, as JSON
	 * @throws ChicoryInterruptedException when the thread is interrupted while it waits,
	 * by the run's deadline: the run stops
	 */
	private String fetch(String argument) {
		OutboundRequest request;
		try {
			request = request(argument);
		}
		catch (OutboundHttpException ex) {
			return error(ex.kind(), ex.getMessage());
		}
		OutboundResponse response;
		try {
			response = OutboundHttpThreads.send(this.outboundHttp, request);
		}
		catch (OutboundHttpException ex) {
			return error(ex.kind(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ChicoryInterruptedException("Thread interrupted");
		}
		catch (RuntimeException ex) {
			logger.error("Outbound request {} failed in the host", request, ex);
			return error(HttpErrorKind.INTERNAL_ERROR, "There was an error processing the request on the host side.");
		}
		ObjectNode answer = json.createObjectNode();
		answer.put("status", response.status());
		ArrayNode headers = answer.putArray("headers");
		for (HttpHeader header : response.headers()) {
			headers.addArray().add(header.name()).add(header.value());
		}
		answer.put("body", Base64.getEncoder().encodeToString(response.body()));
		return answer.toString();
	}

	/**
	 * Reads the request the worker API wrote. Only a method outside the seven a worker
	 * may send is the worker's doing; anything else wrong comes from the worker API.
	 */
	private static OutboundRequest request(String argument) throws OutboundHttpException {
		JsonNode node;
		try {
			node = json.readTree(argument);
		}
		catch (JacksonException ex) {
			throw invalid("the fetch request is not JSON");
		}
		JsonNode url = node.path("url");
		JsonNode method = node.path("method");
		JsonNode body = node.path("body");
		if (!url.isString() || !method.isString() || !body.isString() || !node.path("headers").isArray()) {
			throw invalid("the fetch request needs a url, a method, headers and a body");
		}
		Optional<HttpMethod> sent = HttpMethod.ofName(method.asString());
		if (sent.isEmpty()) {
			throw invalid("The method '" + method.asString()
					+ "' cannot be sent: a worker may send GET, POST, PUT, PATCH, DELETE, OPTIONS and HEAD");
		}
		List<HttpHeader> headers = new ArrayList<>();
		for (JsonNode pair : node.path("headers")) {
			if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isString() || !pair.get(1).isString()) {
				throw invalid("each fetch header must be a [name, value] pair of strings");
			}
			headers.add(new HttpHeader(pair.get(0).asString(), pair.get(1).asString()));
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(body.asString());
		}
		catch (IllegalArgumentException ex) {
			throw invalid("the fetch body is not base64");
		}
		return new OutboundRequest(sent.get(), url.asString(), headers, bytes);
	}

	private static OutboundHttpException invalid(String message) {
		return new OutboundHttpException(HttpErrorKind.INVALID_REQUEST, message);
	}

	/**
	 * The name of an error kind in a {@code fetch} rejection, as wws's JavaScript binding
	 * writes it: {@code [Not allowed] The host ...}.
	 * @param kind the kind
	 * @return its name in the message
	 */
	static String kindName(HttpErrorKind kind) {
		return switch (kind) {
			case INVALID_REQUEST -> "Invalid Request";
			case INVALID_REQUEST_BODY -> "Invalid Request Body";
			case INVALID_RESPONSE_BODY -> "Invalid Response Body";
			case NOT_ALLOWED -> "Not allowed";
			case INTERNAL_ERROR -> "Internal Error";
			case TIMEOUT -> "Request Timeout";
			case REDIRECT_LOOP -> "Redirect Loop";
		};
	}

	private static String error(HttpErrorKind kind, String message) {
		return error("[" + kindName(kind) + "] " + message);
	}

	private static String text(String argument) {
		try {
			return json.readValue(argument, String.class);
		}
		catch (JacksonException ex) {
			return argument;
		}
	}

	private static String truncate(String text) {
		return (text.length() <= MAX_FAILURE_LENGTH) ? text : text.substring(0, MAX_FAILURE_LENGTH) + "...";
	}

	private static String error(String message) {
		return json.createObjectNode().put("error", message).toString();
	}

}
