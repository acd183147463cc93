package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.actuate.WasmWorkersHealthIndicator;
import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the
 * {@link WasmWorkersHealthIndicator}, shown as {@code wasmWorkers} and switched off with
 * {@code management.health.wasmworkers.enabled=false}.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(WorkerCatalogHolder.class)
@ConditionalOnEnabledHealthIndicator("wasmworkers")
@EnableConfigurationProperties(WasmWorkersProperties.class)
public final class WasmWorkersHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "wasmWorkersHealthIndicator")
	WasmWorkersHealthIndicator wasmWorkersHealthIndicator(WorkerCatalogHolder catalogs,
			WasmWorkersProperties properties) {
		return new WasmWorkersHealthIndicator(catalogs, properties.getHealth().isFailOnWorkerError());
	}

}
