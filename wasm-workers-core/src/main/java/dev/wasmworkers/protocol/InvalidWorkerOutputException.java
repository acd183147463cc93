package dev.wasmworkers.protocol;

/**
 * Thrown when what a worker wrote on stdout is not one valid wws output object.
 */
public class InvalidWorkerOutputException extends Exception {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception with the reason the output was refused.
	 * @param message what is wrong with the output
	 */
	public InvalidWorkerOutputException(String message) {
		super(message);
	}

}
