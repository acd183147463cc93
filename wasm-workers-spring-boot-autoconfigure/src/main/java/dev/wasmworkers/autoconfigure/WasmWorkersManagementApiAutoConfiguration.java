package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.web.ManagementApiRoutes;
import dev.wasmworkers.worker.WorkerCatalog;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the read-only wws management
 * API, served when {@code wasm.workers.management-api.enabled} is {@code true}.
 * <p>
 * Its router function is ordered ahead of the worker routes, so that, as in wws, a
 * catch-all worker never hides it.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(WorkerCatalog.class)
@ConditionalOnBooleanProperty("wasm.workers.management-api.enabled")
public final class WasmWorkersManagementApiAutoConfiguration {

	/**
	 * Order of the management API's router function: before unordered router functions.
	 */
	static final int ORDER = 0;

	@Bean
	@Order(ORDER)
	@ConditionalOnMissingBean(name = "wasmWorkersManagementApiRouterFunction")
	RouterFunction<ServerResponse> wasmWorkersManagementApiRouterFunction(WorkerCatalog catalog) {
		return ManagementApiRoutes.of(catalog);
	}

}
