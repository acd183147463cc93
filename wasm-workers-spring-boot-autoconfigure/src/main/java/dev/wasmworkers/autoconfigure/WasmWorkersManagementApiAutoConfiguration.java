package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.web.ReactiveManagementApi;
import dev.wasmworkers.web.ServletManagementApi;
import dev.wasmworkers.worker.WorkerCatalogHolder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the read-only wws management
 * API, served when {@code wasm.workers.management-api.enabled} is {@code true}.
 * <p>
 * It is a router function bean, so it comes with the application's router functions,
 * ahead of the workers' handler mapping: as in wws, a catch-all worker never hides it.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnBean(WorkerCatalogHolder.class)
@ConditionalOnBooleanProperty("wasm.workers.management-api.enabled")
public final class WasmWorkersManagementApiAutoConfiguration {

	static final String BEAN_NAME = "wasmWorkersManagementApiRouterFunction";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	@ConditionalOnClass(org.springframework.web.reactive.function.server.RouterFunction.class)
	static class WebFluxManagementApiConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = BEAN_NAME)
		org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse> wasmWorkersManagementApiRouterFunction(
				WorkerCatalogHolder catalogs) {
			return ReactiveManagementApi.of(catalogs);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(org.springframework.web.servlet.function.RouterFunction.class)
	static class WebMvcManagementApiConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = BEAN_NAME)
		org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse> wasmWorkersManagementApiRouterFunction(
				WorkerCatalogHolder catalogs) {
			return ServletManagementApi.of(catalogs);
		}

	}

}
