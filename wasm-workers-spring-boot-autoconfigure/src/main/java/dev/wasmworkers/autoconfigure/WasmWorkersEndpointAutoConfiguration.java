package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.actuate.WasmWorkersEndpoint;
import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link WasmWorkersEndpoint},
 * when Actuator is present and the endpoint is available (accessible and exposed).
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(WasmWorkersEndpoint.class)
public final class WasmWorkersEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(WorkerCatalogHolder.class)
	@ConditionalOnMissingBean
	WasmWorkersEndpoint wasmWorkersEndpoint(WorkerCatalogHolder catalogs) {
		return new WasmWorkersEndpoint(catalogs);
	}

}
