package dev.wasmworkers.autoconfigure;

import java.util.List;

import dev.wasmworkers.web.ReactiveWorkerRouter;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;

import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.http.codec.HttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.result.view.ViewResolver;
import org.springframework.web.server.ServerWebExchange;

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
		RouterFunctionMapping mapping = new PreflightToWorkersMapping(ReactiveWorkerRouter.of(catalogs, invoker,
				properties.getMaxRequestBody(), properties.getCors().getAllowedOrigins()), codecs);
		mapping.setOrder(WorkersHandlerMapping.ORDER);
		mapping.setMessageReaders(codecs.getReaders());
		return mapping;
	}

	/**
	 * The workers' handler mapping, which lets a worker answer a CORS preflight request
	 * as in wws. Spring's dispatcher only looks a handler up for a preflight (each
	 * mapping in order, the application's first) and answers it itself; when the lookup
	 * reaches this mapping and a worker route matches, the worker runs here and its
	 * answer is written.
	 */
	static final class PreflightToWorkersMapping extends RouterFunctionMapping {

		private final ServerCodecConfigurer codecs;

		PreflightToWorkersMapping(RouterFunction<?> routerFunction, ServerCodecConfigurer codecs) {
			super(routerFunction);
			this.codecs = codecs;
		}

		@Override
		public Mono<Object> getHandler(ServerWebExchange exchange) {
			if (!CorsUtils.isPreFlightRequest(exchange.getRequest())) {
				return super.getHandler(exchange);
			}
			return getHandlerInternal(exchange).flatMap((handler) -> answer(exchange, handler));
		}

		@SuppressWarnings("unchecked")
		private Mono<Object> answer(ServerWebExchange exchange, Object handler) {
			ServerRequest request = exchange.getRequiredAttribute(RouterFunctions.REQUEST_ATTRIBUTE);
			return ((HandlerFunction<ServerResponse>) handler).handle(request)
				.flatMap((response) -> response.writeTo(exchange, new Context(this.codecs)))
				.thenReturn(handler);
		}

	}

	/** What writing a worker's response needs: the codecs' writers, and no views. */
	private record Context(ServerCodecConfigurer codecs) implements ServerResponse.Context {

		@Override
		public List<HttpMessageWriter<?>> messageWriters() {
			return this.codecs.getWriters();
		}

		@Override
		public List<ViewResolver> viewResolvers() {
			return List.of();
		}

	}

}
