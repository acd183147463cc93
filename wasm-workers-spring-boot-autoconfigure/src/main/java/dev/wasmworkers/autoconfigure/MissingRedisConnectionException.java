package dev.wasmworkers.autoconfigure;

/**
 * Thrown at start-up when {@code wasm.workers.kv.store=redis} but the application has no
 * reactive Redis connection to keep the KV namespaces in.
 */
class MissingRedisConnectionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param reason why there is no connection
	 */
	MissingRedisConnectionException(String reason) {
		super("wasm.workers.kv.store=redis, but " + reason);
	}

}
