package dev.wasmworkers.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

import dev.wasmworkers.actuate.WasmWorkersHealthIndicator;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.execution.WorkerGate;
import dev.wasmworkers.execution.WorkerTimeoutException;
import dev.wasmworkers.testing.WatWorkers;
import org.awaitility.Awaitility;
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
	void whenEveryWorkerThreadIsStuckThenTheIndicatorIsDownWithTheReason() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.max-concurrency=1")
			.run((context) -> {
				WasmWorkersHealthIndicator indicator = context.getBean(WasmWorkersHealthIndicator.class);
				CountDownLatch release = new CountDownLatch(1);
				// Stands for a host call that does not check for interruption.
				Callable<String> stubborn = () -> {
					while (release.getCount() > 0) {
						Thread.interrupted();
						LockSupport.parkNanos(10_000_000);
					}
					return "returned";
				};
				CompletableFuture<String> stuck = context.getBean(WorkerExecutor.class)
					.submit("stubborn.wasm", stubborn, new WorkerGate(1, 0), Duration.ofMillis(100));
				assertThat(stuck).failsWithin(Duration.ofSeconds(10))
					.withThrowableThat()
					.withCauseInstanceOf(WorkerTimeoutException.class);
				assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

				Awaitility.await()
					.atMost(WorkerExecutor.STOP_GRACE.plusSeconds(10))
					.until(() -> indicator.health().getStatus().equals(Status.DOWN));

				Health health = indicator.health();
				assertThat(health.getDetails().get("reason")).asString()
					.startsWith("all 1 run slots (max-concurrency) are held by runs that passed their deadline");
				assertThat(health.getDetails().get("stuck")).isInstanceOfSatisfying(List.class,
						(runs) -> assertThat(runs).singleElement()
							.asString()
							.startsWith("stubborn.wasm on wasm-worker-1, "));
				release.countDown();
				Awaitility.await().until(() -> indicator.health().getStatus().equals(Status.UP));
				assertThat(indicator.health().getDetails()).doesNotContainKeys("reason", "stuck");
			});
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
