package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;
import java.util.Map;

import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.observation.DefaultWasmWorkerInvocationConvention;
import dev.wasmworkers.observation.ObservationInvocationListener;
import dev.wasmworkers.observation.WasmWorkerInvocationConvention;
import dev.wasmworkers.observation.WasmWorkersMeterBinder;
import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.InvocationListener;
import dev.wasmworkers.worker.InvocationOutcome;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableReactiveWebApplicationContext;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersObservationAutoConfigurationTests {

	private static final WorkerInput INPUT = new WorkerInput("http://localhost/hello", "GET", Map.of(), "", Map.of(),
			Map.of());

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, WasmWorkersAutoConfiguration.class,
				WasmWorkersObservationAutoConfiguration.class));

	@TempDir
	Path workers;

	@BeforeEach
	void writeWorker() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
	}

	@Test
	void whenMicrometerIsPresentThenInvocationsAreObservedAndMetersBound() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).hasSingleBean(ObservationInvocationListener.class)
				.hasSingleBean(WasmWorkersMeterBinder.class));
	}

	@Test
	void whenAnObservationRegistryIsPresentThenTheInvokerReportsToIt() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				assertThat(invokeHello(context).status()).isEqualTo(200);
				assertThat(registry).hasSingleObservationThat()
					.hasNameEqualTo("wasm.worker.invocation")
					.hasLowCardinalityKeyValue("wasm.worker.route", "/hello")
					.hasLowCardinalityKeyValue("outcome", "success");
			});
	}

	@Test
	void whenMicrometerObservationIsAbsentThenEverythingBacksOffAndWorkersRunUnobserved() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(ObservationRegistry.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(InvocationListener.class)
					.doesNotHaveBean(WasmWorkersMeterBinder.class)
					.doesNotHaveBean(ObservationRegistry.class);
				assertThat(invokeHello(context).status()).isEqualTo(200);
			});
	}

	@Test
	void whenMicrometerMetricsAreAbsentThenOnlyTheObservationIsConfigured() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(MeterBinder.class))
			.run((context) -> assertThat(context).hasSingleBean(ObservationInvocationListener.class)
				.doesNotHaveBean(WasmWorkersMeterBinder.class));
	}

	@Test
	void whenThereIsNoObservationRegistryBeanThenItBacksOff() {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
					WasmWorkersObservationAutoConfiguration.class))
			.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(InvocationListener.class)
					.doesNotHaveBean(WasmWorkersMeterBinder.class);
				assertThat(invokeHello(context).status()).isEqualTo(200);
			});
	}

	@Test
	void whenPathIsNotSetThenNothingIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(ObservationRegistry.class)
			.doesNotHaveBean(WorkerCatalogHolder.class)
			.doesNotHaveBean(InvocationListener.class)
			.doesNotHaveBean(WasmWorkersMeterBinder.class));
	}

	@Test
	void whenUserDefinesAConventionThenItReplacesTheDefault() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		WasmWorkerInvocationConvention custom = new DefaultWasmWorkerInvocationConvention() {

			@Override
			public String getName() {
				return "my.worker.calls";
			}

		};
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(ObservationRegistry.class, () -> registry)
			.withBean(WasmWorkerInvocationConvention.class, () -> custom)
			.run((context) -> {
				invokeHello(context);
				assertThat(registry).hasSingleObservationThat()
					.hasNameEqualTo("my.worker.calls")
					.hasLowCardinalityKeyValue("outcome", "success");
			});
	}

	@Test
	void whenUserDefinesAnInvocationListenerThenTheInvokerUsesItInstead() {
		StringBuilder heard = new StringBuilder();
		InvocationListener own = (worker,
				input) -> (outcome, reply, failure) -> heard.append(worker.name()).append(' ').append(outcome);
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(InvocationListener.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(ObservationInvocationListener.class)
					.hasSingleBean(WasmWorkersMeterBinder.class);
				invokeHello(context);
				assertThat(heard).hasToString("hello.wasm " + InvocationOutcome.SUCCESS);
			});
	}

	@Test
	void whenUserDefinesTheMeterBinderThenAutoConfigurationBacksOff() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withUserConfiguration(OwnMeterBinderConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(WasmWorkersMeterBinder.class).hasBean("myBinder"));
	}

	private static HttpReply invokeHello(AssertableReactiveWebApplicationContext context) {
		WorkerCatalog catalog = context.getBean(WorkerCatalogHolder.class).current();
		return context.getBean(WorkerInvoker.class).invoke(catalog.workers().get(0), INPUT).join();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnMeterBinderConfiguration {

		@Bean
		WasmWorkersMeterBinder myBinder(WorkerCatalogHolder catalog, WorkerExecutor executor, WorkerGates gates) {
			return new WasmWorkersMeterBinder(catalog, executor, gates);
		}

	}

}
