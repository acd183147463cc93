package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.web.reactive.function.server.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersManagementApiAutoConfigurationTests {

	private static final String BEAN_NAME = "wasmWorkersManagementApiRouterFunction";

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
				WasmWorkersManagementApiAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void byDefaultTheManagementApiIsNotServed() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).doesNotHaveBean(BEAN_NAME));
	}

	@Test
	void whenEnabledThenTheManagementApiIsServed() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.management-api.enabled=true")
			.run((context) -> assertThat(context).hasBean(BEAN_NAME));
	}

	@Test
	void whenEnabledWithoutWorkersPathThenNothingIsServed() {
		this.contextRunner.withPropertyValues("wasm.workers.management-api.enabled=true")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BEAN_NAME));
	}

	@Test
	void whenApplicationIsNotReactiveThenTheManagementApiIsNotServed() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
					WasmWorkersManagementApiAutoConfiguration.class))
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.management-api.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(BEAN_NAME));
	}

	@Test
	void whenWebFluxIsAbsentThenTheManagementApiIsNotServed() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.management-api.enabled=true")
			.withClassLoader(new FilteredClassLoader(RouterFunction.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(BEAN_NAME));
	}

	@Test
	void whenUserDefinesTheRouterFunctionThenAutoConfigurationBacksOff() {
		RouterFunction<?> own = (request) -> Mono.empty();
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.management-api.enabled=true")
			.withBean(BEAN_NAME, RouterFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean(BEAN_NAME)).isSameAs(own));
	}

}
