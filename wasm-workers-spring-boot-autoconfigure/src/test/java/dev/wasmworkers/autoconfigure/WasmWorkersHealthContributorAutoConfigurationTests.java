package dev.wasmworkers.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import dev.wasmworkers.actuate.WasmWorkersHealthIndicator;
import dev.wasmworkers.testing.WatWorkers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersHealthContributorAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
				WasmWorkersHealthContributorAutoConfiguration.class));

	@TempDir
	Path workers;

	@BeforeEach
	void writeWorkers() {
		WatWorkers.write(this.workers, "good.wasm", WatWorkers.answering("ok"));
		WatWorkers.writeBytes(this.workers, "bad.wasm", "not a module".getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void whenWorkersAreConfiguredThenTheIndicatorIsCreatedWithTheWasmWorkersName() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).hasSingleBean(WasmWorkersHealthIndicator.class)
				.hasBean("wasmWorkersHealthIndicator"));
	}

	@Test
	void byDefaultAFailedWorkerLeavesTheIndicatorUpWithTheFailureInItsDetails() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			Health health = context.getBean(WasmWorkersHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("workers", 2).containsEntry("served", 1);
			assertThat(health.getDetails().get("failed")).isInstanceOfSatisfying(Map.class,
					(failed) -> assertThat(failed).containsOnlyKeys("bad.wasm"));
		});
	}

	@Test
	void whenFailOnWorkerErrorIsSetThenAFailedWorkerMakesTheIndicatorDown() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.health.fail-on-worker-error=true")
			.run((context) -> assertThat(context.getBean(WasmWorkersHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.DOWN));
	}

	@Test
	void whenFailOnWorkerErrorIsSetAndEveryWorkerIsServedThenTheIndicatorIsUp() {
		Path served = this.workers.resolve("served");
		WatWorkers.write(served, "good.wasm", WatWorkers.answering("ok"));
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + served, "wasm.workers.health.fail-on-worker-error=true")
			.run((context) -> assertThat(context.getBean(WasmWorkersHealthIndicator.class).health().getStatus())
				.isEqualTo(Status.UP));
	}

	@Test
	void whenTheIndicatorIsDisabledThenItIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.health.wasmworkers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WasmWorkersHealthIndicator.class));
	}

	@Test
	void whenDefaultIndicatorsAreDisabledThenItIsNotCreated() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WasmWorkersHealthIndicator.class));
	}

	@Test
	void whenWorkersPathIsNotSetThenItIsNotCreated() {
		this.contextRunner
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmWorkersHealthIndicator.class));
	}

	@Test
	void whenHealthIsAbsentThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmWorkersHealthIndicator.class));
	}

	@Test
	void whenHealthAutoConfigurationIsAbsentThenItIsNotCreated() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(ConditionalOnEnabledHealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(WasmWorkersHealthIndicator.class));
	}

	@Test
	void whenUserDefinesTheIndicatorThenAutoConfigurationBacksOff() {
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean("wasmWorkersHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(WasmWorkersHealthIndicator.class);
				assertThat(context.getBean("wasmWorkersHealthIndicator")).isSameAs(own);
			});
	}

}
