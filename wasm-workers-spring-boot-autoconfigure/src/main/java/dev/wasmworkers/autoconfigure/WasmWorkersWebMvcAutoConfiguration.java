package dev.wasmworkers.autoconfigure;

import java.util.List;

import dev.wasmworkers.web.ServletWorkerRouter;
import dev.wasmworkers.web.WorkerFormContentFilter;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.context.annotation.Bean;
import org.springframework.http.converter.ByteArrayHttpMessageConverter;
import org.springframework.http.converter.ResourceHttpMessageConverter;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for serving workers over Spring MVC:
 * one handler mapping, after the application's own handlers, whose one router function
 * serves the workers (asynchronously: no container thread waits for a worker) and the
 * project's public folder.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class,
		beforeName = "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration")
@ConditionalOnWebApplication(type = Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBean(WorkerCatalogHolder.class)
public final class WasmWorkersWebMvcAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = WorkersHandlerMapping.BEAN_NAME)
	RouterFunctionMapping wasmWorkersHandlerMapping(WorkerCatalogHolder catalogs, WorkerInvoker invoker,
			WasmWorkersProperties properties) {
		RouterFunctionMapping mapping = new RouterFunctionMapping(
				ServletWorkerRouter.of(catalogs, invoker, properties.getMaxRequestBody()));
		mapping.setOrder(WorkersHandlerMapping.ORDER);
		mapping.setMessageConverters(List.of(new ByteArrayHttpMessageConverter(), new ResourceHttpMessageConverter()));
		return mapping;
	}

	@Bean
	@ConditionalOnMissingBean(FormContentFilter.class)
	@ConditionalOnBooleanProperty(name = "spring.mvc.formcontent.filter.enabled", matchIfMissing = true)
	WorkerFormContentFilter formContentFilter(WorkerCatalogHolder catalogs) {
		return new WorkerFormContentFilter(catalogs);
	}

}
