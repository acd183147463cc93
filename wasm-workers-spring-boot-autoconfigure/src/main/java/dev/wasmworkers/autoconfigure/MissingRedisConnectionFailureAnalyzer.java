package dev.wasmworkers.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by {@code wasm.workers.kv.store=redis} without a
 * Redis connection.
 */
class MissingRedisConnectionFailureAnalyzer extends AbstractFailureAnalyzer<MissingRedisConnectionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingRedisConnectionException cause) {
		return new FailureAnalysis(cause.getMessage() + ": the Redis KV store needs one.",
				"Add the dependency org.springframework.boot:spring-boot-starter-data-redis (Lettuce: Jedis has no "
						+ "reactive connection) and point spring.data.redis.* (url, or host and port) at your Redis, "
						+ "or set wasm.workers.kv.store=memory to keep the KV namespaces in this instance.",
				cause);
	}

}
