package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.web.ReactiveWorkerRouter;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for serving workers over WebFlux:
 * one handler mapping, after the application's own handlers, whose one router function
 * serves the workers and the project's public folder.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(WorkerCatalogHolder.class)
public final class WasmWorkersWebFluxAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = WorkersHandlerMapping.BEAN_NAME)
	RouterFunctionMapping wasmWorkersHandlerMapping(WorkerCatalogHolder catalogs, WorkerInvoker invoker,
			WasmWorkersProperties properties, ServerCodecConfigurer codecs) {
		RouterFunctionMapping mapping = new RouterFunctionMapping(
				ReactiveWorkerRouter.of(catalogs, invoker, properties.getMaxRequestBody()));
		mapping.setOrder(WorkersHandlerMapping.ORDER);
		mapping.setMessageReaders(codecs.getReaders());
		return mapping;
	}

}
