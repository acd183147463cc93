package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvSnapshot;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.kv.redis.RedisKvStore;
import dev.wasmworkers.worker.WorkerInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class WasmKvRedisAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
						WasmWorkersAutoConfiguration.class, WasmKvRedisAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenStoreIsNotSetThenTheInMemoryStoreIsUsedEvenWithRedisAvailable() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).hasSingleBean(KvStore.class)
				.hasSingleBean(InMemoryKvStore.class)
				.doesNotHaveBean(RedisKvStore.class));
	}

	@Test
	void whenStoreIsMemoryThenTheInMemoryStoreIsUsed() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=memory")
			.run((context) -> assertThat(context).getBean(KvStore.class).isInstanceOf(InMemoryKvStore.class));
	}

	@Test
	void whenStoreIsRedisThenTheRedisStoreIsTheOnlyStoreAndTheInvokerUsesIt() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=redis")
			.run((context) -> {
				assertThat(context).hasSingleBean(KvStore.class).hasSingleBean(RedisKvStore.class);
				assertThat(context).hasSingleBean(WorkerInvoker.class);
			});
	}

	@Test
	void whenStoreIsRedisWithoutWorkersThenThereIsNoStore() {
		this.contextRunner.withPropertyValues("wasm.workers.kv.store=redis")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(KvStore.class));
	}

	@Test
	void whenStoreIsRedisWithoutSpringDataRedisThenStartUpFailsWithAnExplanation() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=redis")
			.withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new MissingRedisConnectionFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo(
						"wasm.workers.kv.store=redis, but Spring Data Redis is not on the classpath: the Redis KV "
								+ "store needs one.");
				assertThat(analysis.getAction()).contains("org.springframework.boot:spring-boot-starter-data-redis",
						"spring.data.redis.*", "wasm.workers.kv.store=memory");
			});
	}

	@Test
	void whenStoreIsRedisWithoutARedisConnectionThenStartUpFailsWithAnExplanation() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WasmWorkersAutoConfiguration.class, WasmKvRedisAutoConfiguration.class))
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(new MissingRedisConnectionFailureAnalyzer().analyze(context.getStartupFailure())
					.getDescription())
					.isEqualTo("wasm.workers.kv.store=redis, but the application has no reactive "
							+ "Redis connection (no single ReactiveRedisConnectionFactory bean): the Redis KV store "
							+ "needs one.");
			});
	}

	@Test
	void whenAnApplicationStartsWithRedisButWithoutAConnectionThenTheFailureIsExplained(CapturedOutput output) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.setDefaultProperties(Map.of("server.port", "0", "wasm.workers.path", this.workers.toString(),
				"wasm.workers.kv.store", "redis", "spring.autoconfigure.exclude",
				DataRedisAutoConfiguration.class.getName() + "," + DataRedisReactiveAutoConfiguration.class.getName()));

		assertThatException().isThrownBy(application::run);

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("wasm.workers.kv.store=redis, but the application has no reactive Redis connection")
			.contains("Add the dependency org.springframework.boot:spring-boot-starter-data-redis");
	}

	@Test
	void whenTheKeyPrefixHasBracesThenStartUpFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=redis",
					"wasm.workers.kv.redis.key-prefix=app{1}:")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.kv.redis.key-prefix")
				.hasMessageContaining("must not contain '{' or '}'"));
	}

	@Test
	void whenTheTimeoutIsNotPositiveThenStartUpFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=redis",
					"wasm.workers.kv.redis.timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("wasm.workers.kv.redis.timeout"));
	}

	@Test
	void whenStoreIsUnknownThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=disk")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("wasm.workers.kv.store"));
	}

	@Test
	void whenMaxRetriesIsNegativeThenStartUpFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.max-retries=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.kv.max-retries"));
	}

	@Test
	void whenOnConflictIsRetryThenItIsBound() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.on-conflict=retry",
					"wasm.workers.kv.max-retries=3")
			.run((context) -> {
				WasmWorkersProperties.Kv kv = context.getBean(WasmWorkersProperties.class).getKv();
				assertThat(kv.getOnConflict()).hasToString("RETRY");
				assertThat(kv.getMaxRetries()).isEqualTo(3);
			});
	}

	@Test
	void whenTheApplicationDefinesAStoreThenTheRedisStoreBacksOff() {
		this.contextRunner.withUserConfiguration(OwnStore.class)
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.kv.store=redis")
			.run((context) -> assertThat(context).hasSingleBean(KvStore.class)
				.doesNotHaveBean(RedisKvStore.class)
				.getBean(KvStore.class)
				.isSameAs(context.getBean(OwnStore.class).store));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnStore {

		final KvStore store = new KvStore() {

			@Override
			public CompletableFuture<KvSnapshot> versionedSnapshot(String namespace) {
				return CompletableFuture.completedFuture(KvSnapshot.EMPTY);
			}

			@Override
			public CompletableFuture<Void> apply(String namespace, KvChange change) {
				return CompletableFuture.completedFuture(null);
			}

			@Override
			public CompletableFuture<Boolean> applyIfUnchanged(String namespace, KvChange change, long version) {
				return CompletableFuture.completedFuture(true);
			}

			@Override
			public CompletableFuture<Set<String>> namespaces() {
				return CompletableFuture.completedFuture(Set.of());
			}

		};

		@Bean
		KvStore ownStore() {
			return this.store;
		}

	}

}
