package dev.wasmworkers.engine;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An error the Javy QuickJS plugin could not hand back and reported by panicking: a
 * syntax error when compiling, or an exception thrown while a module is evaluated.
 *
 * <p>
 * The plugin writes Rust's panic message to stderr and traps. The message ends with the
 * error as rquickjs prints it: {@code Error:[file]:line:column message} for a syntax
 * error, {@code Error:line:column message} and the stack frames, one per line, for a
 * thrown {@code Error}, or the thrown value as text for anything else.
 *
 * @param start where the panic message starts in stderr
 * @param end where it ends
 * @param line the line of the error, or 0 when not given
 * @param column the column of the error, or 0 when not given
 * @param message the error's message
 * @param stack the error's stack frames, one per line, or empty
 */
record JavyPanic(int start, int end, int line, int column, String message, String stack) {

	private static final Pattern PANIC = Pattern.compile(
			"(?s)(?:^|\\n)thread '[^']*' panicked at [^\\n]*\\n(?:called `Result::unwrap\\(\\)` on an `Err` value: )?(.*?)\\n*"
					+ "(?:note: run with `RUST_BACKTRACE=1`[^\\n]*\\n?|$)");

	private static final Pattern ERROR = Pattern.compile("(?s)Error:(?:\\[[^\\]]*\\])?:?(\\d+):(\\d+) ?(.*)");

	private static final String MEMORY_ALLOCATION = "memory allocation of ";

	/**
	 * Finds the panic in what the plugin wrote to stderr.
	 * @param stderr the plugin's stderr
	 * @return the panic, or empty when stderr holds none
	 */
	static Optional<JavyPanic> find(String stderr) {
		Matcher panic = PANIC.matcher(stderr);
		if (!panic.find()) {
			return Optional.empty();
		}
		String error = panic.group(1).strip();
		Matcher located = ERROR.matcher(error);
		int line = 0;
		int column = 0;
		String text = error;
		if (located.matches()) {
			line = Integer.parseInt(located.group(1));
			column = Integer.parseInt(located.group(2));
			text = located.group(3);
		}
		int newline = text.indexOf('\n');
		String message = (newline < 0) ? text : text.substring(0, newline);
		String stack = (newline < 0) ? "" : text.substring(newline + 1).stripTrailing();
		return Optional.of(new JavyPanic(panic.start(), panic.end(), line, column, message.strip(), stack));
	}

	/**
	 * Whether the plugin ran out of memory: Rust reports a failed allocation before it
	 * aborts.
	 * @param stderr the plugin's stderr
	 * @return whether stderr reports a failed allocation
	 */
	static boolean outOfMemory(String stderr) {
		return stderr.contains(MEMORY_ALLOCATION);
	}

}
