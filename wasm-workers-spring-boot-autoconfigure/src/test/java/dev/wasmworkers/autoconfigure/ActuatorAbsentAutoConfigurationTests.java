package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.actuate.WasmKvEndpoint;
import dev.wasmworkers.actuate.WasmKvEndpointWebExtension;
import dev.wasmworkers.actuate.WasmWorkersEndpoint;
import dev.wasmworkers.actuate.WasmWorkersHealthIndicator;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration of the starter in an application without Actuator: workers and
 * the management API are served, and the endpoints and health indicator back off without
 * failing.
 */
class ActuatorAbsentAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
				WasmWorkersWebFluxAutoConfiguration.class, WasmWorkersEndpointAutoConfiguration.class,
				WasmKvEndpointAutoConfiguration.class, WasmWorkersHealthContributorAutoConfiguration.class,
				WasmWorkersManagementApiAutoConfiguration.class, WebFluxAutoConfiguration.class,
				CodecsAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=*", "wasm.workers.management-api.enabled=true");

	@TempDir
	Path workers;

	@Test
	void whenActuatorAndHealthAreAbsentThenOnlyTheirBeansBackOff() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(ActuatorAbsentAutoConfigurationTests::isActuatorOrHealth))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WorkerCatalogHolder.class)
				.hasBean("wasmWorkersHandlerMapping")
				.hasBean("wasmWorkersManagementApiRouterFunction")
				.doesNotHaveBean(WasmWorkersEndpoint.class)
				.doesNotHaveBean(WasmKvEndpoint.class)
				.doesNotHaveBean(WasmKvEndpointWebExtension.class)
				.doesNotHaveBean(WasmWorkersHealthIndicator.class));
	}

	@Test
	void whenActuatorAndHealthArePresentThenEverythingIsCreated() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(WasmWorkersEndpoint.class)
				.hasSingleBean(WasmKvEndpoint.class)
				.hasSingleBean(WasmKvEndpointWebExtension.class)
				.hasSingleBean(WasmWorkersHealthIndicator.class));
	}

	/**
	 * Hides every class of Actuator and of Boot's health support except their condition
	 * classes: the runner loads the auto-configuration classes itself, so it reads their
	 * Actuator annotations and loads every condition they name before evaluating any,
	 * whereas an application without the jars never sees those annotations at all.
	 */
	private static boolean isActuatorOrHealth(String className) {
		return (className.startsWith("org.springframework.boot.actuate.")
				|| className.startsWith("org.springframework.boot.health.")) && !className.endsWith("Condition");
	}

}
