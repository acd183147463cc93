package dev.wasmworkers.kv;

/**
 * A store call that failed because the store cannot be reached or did not answer in time;
 * the namespace may or may not have been changed by the call.
 */
public class KvStoreUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what could not be done, and why
	 * @param cause the store's own failure, if any
	 */
	public KvStoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates the exception for a call that was not even tried, because the store is
	 * known to be unavailable.
	 * @param message why the call was not tried
	 */
	public KvStoreUnavailableException(String message) {
		super(message);
	}

}
