package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.actuate.WasmWorkersEndpoint;
import dev.wasmworkers.actuate.WasmWorkersEndpointWebExtension;
import dev.wasmworkers.reload.CatalogReloader;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the {@link WasmWorkersEndpoint}
 * and its web extension, when Actuator is present and the endpoint is available
 * (accessible and exposed).
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(WasmWorkersEndpoint.class)
@EnableConfigurationProperties(WasmWorkersEndpointProperties.class)
public final class WasmWorkersEndpointAutoConfiguration {

	@Bean
	@ConditionalOnBean(CatalogReloader.class)
	@ConditionalOnMissingBean
	WasmWorkersEndpoint wasmWorkersEndpoint(CatalogReloader reloader, WasmWorkersEndpointProperties properties) {
		return new WasmWorkersEndpoint(reloader, properties.getShowPaths());
	}

	@Bean
	@ConditionalOnBean(WasmWorkersEndpoint.class)
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	WasmWorkersEndpointWebExtension wasmWorkersEndpointWebExtension(WasmWorkersEndpoint endpoint,
			WasmWorkersEndpointProperties properties) {
		return new WasmWorkersEndpointWebExtension(endpoint, properties.getShowPaths(), properties.getRoles());
	}

}
