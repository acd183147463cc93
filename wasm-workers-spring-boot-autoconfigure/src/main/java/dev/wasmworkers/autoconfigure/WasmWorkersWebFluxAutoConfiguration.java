package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.web.PublicFileRoutes;
import dev.wasmworkers.web.WorkerRoutes;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerInvoker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for serving workers over WebFlux:
 * one route per worker, and the project's public folder as a fallback after the
 * application's own handlers.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(WorkerCatalog.class)
public final class WasmWorkersWebFluxAutoConfiguration {

	/**
	 * Order of the public-folder mapping: after annotated controllers, before Spring's
	 * static resources.
	 */
	static final int PUBLIC_FILES_ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	@Bean
	@ConditionalOnMissingBean(name = "wasmWorkersRouterFunction")
	RouterFunction<ServerResponse> wasmWorkersRouterFunction(WorkerCatalog catalog, WorkerInvoker invoker,
			WasmWorkersProperties properties) {
		return WorkerRoutes.of(catalog, invoker, properties.getMaxRequestBody());
	}

	@Bean
	@ConditionalOnMissingBean(name = "wasmWorkersPublicFilesMapping")
	RouterFunctionMapping wasmWorkersPublicFilesMapping(WorkerCatalog catalog, ServerCodecConfigurer codecs) {
		RouterFunctionMapping mapping = new RouterFunctionMapping(PublicFileRoutes.of(catalog));
		mapping.setOrder(PUBLIC_FILES_ORDER);
		mapping.setMessageReaders(codecs.getReaders());
		return mapping;
	}

}
