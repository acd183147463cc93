package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.kv.redis.RedisKvStore;
import dev.wasmworkers.worker.WorkerInvoker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the Redis KV store, when
 * {@code wasm.workers.kv.store=redis}: a {@link RedisKvStore} on the application's
 * reactive Redis connection (Spring Data Redis with Lettuce, configured with
 * {@code spring.data.redis.*}). Without that connection, start-up fails with an
 * explanation.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class, before = WasmKvEndpointAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration" })
@ConditionalOnProperty(prefix = "wasm.workers.kv", name = "store", havingValue = "redis")
@EnableConfigurationProperties(WasmWorkersProperties.class)
public final class WasmKvRedisAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ReactiveStringRedisTemplate.class)
	static class RedisKvStoreConfiguration {

		@Bean
		@ConditionalOnBean(WorkerInvoker.class)
		@ConditionalOnMissingBean(KvStore.class)
		RedisKvStore wasmWorkersKvStore(WasmWorkersProperties properties,
				ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory) {
			ReactiveRedisConnectionFactory factory = connectionFactory.getIfUnique();
			if (factory == null) {
				throw new MissingRedisConnectionException(
						"the application has no reactive Redis connection (no single ReactiveRedisConnectionFactory "
								+ "bean)");
			}
			WasmWorkersProperties.Kv.Redis redis = properties.getKv().getRedis();
			PropertyChecks.positive("wasm.workers.kv.redis.timeout", redis.getTimeout());
			try {
				return new RedisKvStore(new ReactiveStringRedisTemplate(factory), redis.getKeyPrefix(),
						WasmWorkersAutoConfiguration.kvLimits(properties), redis.getTimeout());
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidConfigurationPropertyValueException("wasm.workers.kv.redis.key-prefix",
						redis.getKeyPrefix(), ex.getMessage());
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.data.redis.core.ReactiveStringRedisTemplate")
	static class MissingSpringDataRedisConfiguration {

		@Bean
		@ConditionalOnBean(WorkerInvoker.class)
		@ConditionalOnMissingBean(KvStore.class)
		KvStore wasmWorkersKvStore() {
			throw new MissingRedisConnectionException("Spring Data Redis is not on the classpath");
		}

	}

}
