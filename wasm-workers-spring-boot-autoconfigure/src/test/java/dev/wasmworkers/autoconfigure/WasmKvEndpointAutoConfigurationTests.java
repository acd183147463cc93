package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wasmworkers.actuate.WasmKvEndpoint;
import dev.wasmworkers.actuate.WasmKvEndpointWebExtension;
import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class WasmKvEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WasmWorkersAutoConfiguration.class, WasmKvEndpointAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenEndpointIsExposedOverHttpThenItAndItsWebExtensionAreCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.endpoints.web.exposure.include=wasmkv")
			.run((context) -> assertThat(context).hasSingleBean(WasmKvEndpoint.class)
				.hasSingleBean(WasmKvEndpointWebExtension.class));
	}

	@Test
	void whenEndpointIsOnlyExposedOverJmxThenTheWebExtensionIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "spring.jmx.enabled=true",
					"management.endpoints.jmx.exposure.include=wasmkv")
			.run((context) -> assertThat(context).hasSingleBean(WasmKvEndpoint.class)
				.doesNotHaveBean(WasmKvEndpointWebExtension.class));
	}

	@Test
	void whenEndpointIsNotExposedThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).doesNotHaveBean(WasmKvEndpoint.class)
				.doesNotHaveBean(WasmKvEndpointWebExtension.class));
	}

	@Test
	void whenEndpointAccessIsNoneThenItIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.endpoints.web.exposure.include=wasmkv",
					"management.endpoint.wasmkv.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WasmKvEndpoint.class));
	}

	@Test
	void whenWorkersPathIsNotSetThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wasmkv")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WasmKvEndpoint.class)
				.doesNotHaveBean(WasmKvEndpointWebExtension.class));
	}

	@Test
	void whenActuatorIsAbsentThenItIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.endpoints.web.exposure.include=wasmkv")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmKvEndpoint.class));
	}

	@Test
	void whenActuatorAutoConfigurationIsAbsentThenItIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.endpoints.web.exposure.include=wasmkv")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmKvEndpoint.class));
	}

	@Test
	void valuesAreHiddenByDefault() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.endpoints.web.exposure.include=wasmkv")
			.run((context) -> {
				assertThat(context.getBean(WasmKvEndpointProperties.class).getShowValues()).isEqualTo(Show.NEVER);
				context.getBean(KvStore.class).apply("ns", new KvChange(Map.of("k", "secret"), Set.of())).join();
				assertThat(context.getBean(WasmKvEndpoint.class).entry("ns", "k").value()).isEqualTo("******");
			});
	}

	@Test
	void whenShowValuesIsAlwaysThenValuesAreShown() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.endpoints.web.exposure.include=wasmkv",
					"management.endpoint.wasmkv.show-values=always")
			.run((context) -> {
				context.getBean(KvStore.class).apply("ns", new KvChange(Map.of("k", "secret"), Set.of())).join();
				assertThat(context.getBean(WasmKvEndpoint.class).entry("ns", "k").value()).isEqualTo("secret");
			});
	}

	@Test
	void whenUserDefinesTheEndpointThenAutoConfigurationBacksOff() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.endpoints.web.exposure.include=wasmkv")
			.withUserConfiguration(CustomEndpointConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(WasmKvEndpoint.class)
					.hasBean("customWasmKvEndpoint")
					.hasSingleBean(WasmKvEndpointWebExtension.class);
				context.getBean(KvStore.class).apply("ns", new KvChange(Map.of("k", "shown"), Set.of())).join();
				assertThat(context.getBean(WasmKvEndpoint.class).entry("ns", "k").value()).isEqualTo("shown");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomEndpointConfiguration {

		@Bean
		WasmKvEndpoint customWasmKvEndpoint(KvStore store, WorkerCatalogHolder catalog) {
			return new WasmKvEndpoint(store, catalog, List.of(), Show.ALWAYS);
		}

	}

}
