package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host functions JavaScript reaches through the QuickJS plugin's one import,
 * {@code chicory.invoke(module, name, argument)}, which the plugin exposes to JavaScript
 * as {@code java_invoke}. The argument and the answer are JSON text.
 *
 * <p>
 * One object per run: it keeps what the run reported. The functions:
 * <ul>
 * <li>{@code wws.seed}: four random 32-bit integers, to seed {@code Math.random} (the
 * engine image holds QuickJS's own seed, the same for every run);</li>
 * <li>{@code wws.fail}: the run failed, with this description (a JSON string);</li>
 * <li>{@code http.fetch}: an outbound HTTP request; not available yet, see
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

	private @Nullable String failure;

	/**
	 * The import that dispatches to this object.
	 * @return the host function for {@code chicory.invoke}
	 */
	HostFunction function() {
		return new HostFunction(IMPORT_MODULE, IMPORT_NAME, TYPE, this::invoke);
	}

	/**
	 * What the run reported through {@code wws.fail}.
	 * @return the description of the failure, or null when none was reported
	 */
	@Nullable String failure() {
		return this.failure;
	}

	private long[] invoke(Instance instance, long... args) {
		Memory memory = instance.memory();
		String module = memory.readString((int) args[0], (int) args[1], StandardCharsets.UTF_8);
		String name = memory.readString((int) args[2], (int) args[3], StandardCharsets.UTF_8);
		String argument = memory.readString((int) args[4], (int) args[5], StandardCharsets.UTF_8);
		return new long[] { QuickJs.writeAnswer(instance, answer(module, name, argument)) };
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
	 * Sends an outbound HTTP request for JavaScript's {@code fetch}. The argument is
	 * {@code {"url", "method", "headers": {name: value}, "body": base64}}; the answer is
	 * {@code {"status", "headers", "body": base64}} or {@code {"error": "message"}},
	 * which rejects the {@code fetch} promise with a {@code TypeError}.
	 *
	 * <p>
	 * Outbound requests are not available to JavaScript workers yet: this is where the
	 * allow-listed client of {@code dev.wasmworkers.http} plugs in.
	 * @param request the request, as JSON
	 * @return the answer, as JSON
	 */
	private String fetch(String request) {
		return error("[Not available] outbound HTTP requests are not available to JavaScript workers yet");
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
