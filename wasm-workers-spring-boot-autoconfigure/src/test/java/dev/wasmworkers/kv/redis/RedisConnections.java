package dev.wasmworkers.kv.redis;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Lettuce connections to a test Redis on a loopback port, closed together.
 */
final class RedisConnections implements AutoCloseable {

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	/**
	 * A new connection, as the application's Spring Data Redis connection would be.
	 * @param port the Redis port on {@code 127.0.0.1}
	 * @return a template with string keys and values
	 */
	ReactiveStringRedisTemplate open(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		this.factories.add(factory);
		return new ReactiveStringRedisTemplate(factory);
	}

	@Override
	public void close() {
		this.factories.forEach(LettuceConnectionFactory::destroy);
		this.factories.clear();
	}

}
