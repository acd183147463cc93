package dev.wasmworkers.config;

import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A worker config file that cannot be used: names the file, the line (when known) and the
 * reason.
 */
public class WorkerConfigException extends Exception {

	private static final long serialVersionUID = 1L;

	private final Path file;

	private final int line;

	private final String reason;

	/** Creates an exception for the file, the line when known, and the reason. */
	public WorkerConfigException(Path file, OptionalInt line, String reason) {
		super(message(file, line, reason));
		this.file = file;
		this.line = line.orElse(0);
		this.reason = reason;
	}

	/**
	 * Creates an exception for the file, the line when known, the reason and its cause.
	 */
	public WorkerConfigException(Path file, OptionalInt line, String reason, Throwable cause) {
		super(message(file, line, reason), cause);
		this.file = file;
		this.line = line.orElse(0);
		this.reason = reason;
	}

	/** The config file that cannot be used. */
	public Path file() {
		return this.file;
	}

	/** The line of the file the problem is on, counted from 1, when it is known. */
	public OptionalInt line() {
		return (this.line > 0) ? OptionalInt.of(this.line) : OptionalInt.empty();
	}

	/** What is wrong, without the file and line. */
	public String reason() {
		return this.reason;
	}

	private static String message(Path file, OptionalInt line, String reason) {
		return file + (line.isPresent() ? ":" + line.getAsInt() : "") + ": " + reason;
	}

}
