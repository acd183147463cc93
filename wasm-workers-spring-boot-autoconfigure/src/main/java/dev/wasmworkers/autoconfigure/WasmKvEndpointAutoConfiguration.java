package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.actuate.WasmKvEndpoint;
import dev.wasmworkers.actuate.WasmKvEndpointWebExtension;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link WasmKvEndpoint} and
 * its web extension, when Actuator is present and the endpoint is available (accessible
 * and exposed).
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(WasmKvEndpoint.class)
@EnableConfigurationProperties(WasmKvEndpointProperties.class)
public final class WasmKvEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean({ KvStore.class, WorkerCatalogHolder.class })
	@ConditionalOnMissingBean
	WasmKvEndpoint wasmKvEndpoint(KvStore store, WorkerCatalogHolder catalogs, WasmKvEndpointProperties properties,
			ObjectProvider<SanitizingFunction> sanitizingFunctions) {
		return new WasmKvEndpoint(store, catalogs, sanitizingFunctions.orderedStream().toList(),
				properties.getShowValues());
	}

	@Bean
	@ConditionalOnBean(WasmKvEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	WasmKvEndpointWebExtension wasmKvEndpointWebExtension(WasmKvEndpoint endpoint,
			WasmKvEndpointProperties properties) {
		return new WasmKvEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
	}

}
