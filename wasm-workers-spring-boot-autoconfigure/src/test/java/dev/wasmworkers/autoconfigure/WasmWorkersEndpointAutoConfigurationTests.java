package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.actuate.WasmWorkersEndpoint;
import dev.wasmworkers.testing.WatWorkers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersEndpointAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WasmWorkersAutoConfiguration.class, WasmWorkersEndpointAutoConfiguration.class));

	@TempDir
	Path workers;

	@BeforeEach
	void writeWorker() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
	}

	@Test
	void whenEndpointIsExposedThenItIsCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers,
					"management.endpoints.web.exposure.include=wasmworkers")
			.run((context) -> {
				assertThat(context).hasSingleBean(WasmWorkersEndpoint.class);
				assertThat(context.getBean(WasmWorkersEndpoint.class).workers().workers())
					.extracting(WasmWorkersEndpoint.WorkerDescriptor::file)
					.containsExactly("hello.wasm");
			});
	}

	@Test
	void whenEndpointIsNotExposedThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).doesNotHaveBean(WasmWorkersEndpoint.class));
	}

	@Test
	void whenEndpointAccessIsNoneThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers,
				"management.endpoints.web.exposure.include=wasmworkers", "management.endpoint.wasmworkers.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(WasmWorkersEndpoint.class));
	}

	@Test
	void whenWorkersPathIsNotSetThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=wasmworkers")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmWorkersEndpoint.class));
	}

	@Test
	void whenActuatorIsAbsentThenItIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers,
					"management.endpoints.web.exposure.include=wasmworkers")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmWorkersEndpoint.class));
	}

	@Test
	void whenActuatorAutoConfigurationIsAbsentThenItIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers,
					"management.endpoints.web.exposure.include=wasmworkers")
			.withClassLoader(new FilteredClassLoader(ConditionalOnAvailableEndpoint.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmWorkersEndpoint.class));
	}

	@Test
	void whenUserDefinesTheEndpointThenAutoConfigurationBacksOff() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers,
					"management.endpoints.web.exposure.include=wasmworkers")
			.withBean("customWasmWorkersEndpoint", WasmWorkersEndpoint.class)
			.run((context) -> assertThat(context).hasSingleBean(WasmWorkersEndpoint.class)
				.hasBean("customWasmWorkersEndpoint"));
	}

}
