package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.observation.ObservationInvocationListener;
import dev.wasmworkers.observation.WasmWorkerInvocationConvention;
import dev.wasmworkers.observation.WasmWorkersMeterBinder;
import dev.wasmworkers.worker.InvocationListener;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerGates;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Micrometer observations of
 * worker invocations and for the workers' gauges and counters, active when an
 * {@link ObservationRegistry} bean exists.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean({ ObservationRegistry.class, WorkerCatalogHolder.class })
public final class WasmWorkersObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(InvocationListener.class)
	ObservationInvocationListener wasmWorkersInvocationListener(ObservationRegistry observationRegistry,
			ObjectProvider<WasmWorkerInvocationConvention> convention) {
		return new ObservationInvocationListener(observationRegistry, convention.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	@ConditionalOnBean({ WorkerExecutor.class, WorkerGates.class })
	static class WasmWorkersMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WasmWorkersMeterBinder wasmWorkersMeterBinder(WorkerCatalogHolder catalogs, WorkerExecutor executor,
				WorkerGates gates) {
			return new WasmWorkersMeterBinder(catalogs, executor, gates);
		}

	}

}
