package dev.wasmworkers.server;

/**
 * A command line the server refuses: an unknown argument, a missing or invalid value, or
 * a wws feature this server does not have; the message is one line.
 */
final class CommandLineException extends Exception {

	private static final long serialVersionUID = 1L;

	/** Creates the exception with its one-line reason. */
	CommandLineException(String reason) {
		super(reason);
	}

}
