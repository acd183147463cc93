package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.web.ServletWorkerRouter;
import dev.wasmworkers.web.WorkerFormContentFilter;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.filter.FormContentFilter;
import org.springframework.web.servlet.HandlerExecutionChain;
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
		RouterFunctionMapping mapping = new PreflightToWorkersMapping(ServletWorkerRouter.of(catalogs, invoker,
				properties.getMaxRequestBody(), properties.getCors().getAllowedOrigins()));
		mapping.setOrder(WorkersHandlerMapping.ORDER);
		mapping.setMessageConverters(ServletWorkerRouter.messageConverters());
		return mapping;
	}

	@Bean
	@ConditionalOnMissingBean(FormContentFilter.class)
	@ConditionalOnBooleanProperty(name = "spring.mvc.formcontent.filter.enabled", matchIfMissing = true)
	WorkerFormContentFilter formContentFilter(WorkerCatalogHolder catalogs) {
		return new WorkerFormContentFilter(catalogs);
	}

	/**
	 * Lets Tomcat pass an encoded slash ({@code %2F}) through to the workers, undecoded,
	 * instead of refusing the request.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Connector.class)
	@ConditionalOnBooleanProperty(name = "wasm.workers.relaxed-request-targets", matchIfMissing = true)
	static class TomcatRequestTargets {

		@Bean
		WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> wasmWorkersTomcatRequestTargets() {
			return (factory) -> factory.addConnectorCustomizers(
					(connector) -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
		}

	}

	/**
	 * Lets Jetty accept an encoded slash ({@code %2F}), an encoded percent ({@code %25})
	 * and an empty segment ({@code //}), and its servlets read such paths, instead of
	 * refusing the request as ambiguous.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Server.class, ServletContextHandler.class })
	@ConditionalOnBooleanProperty(name = "wasm.workers.relaxed-request-targets", matchIfMissing = true)
	static class JettyRequestTargets {

		private static final UriCompliance WWS_TARGETS = UriCompliance.DEFAULT.with("WWS",
				UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR, UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING,
				UriCompliance.Violation.AMBIGUOUS_EMPTY_SEGMENT);

		@Bean
		WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> wasmWorkersJettyRequestTargets() {
			return (factory) -> factory.addServerCustomizers(JettyRequestTargets::relax);
		}

		private static void relax(Server server) {
			for (org.eclipse.jetty.server.Connector connector : server.getConnectors()) {
				HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
				if (http != null) {
					http.getHttpConfiguration().setUriCompliance(WWS_TARGETS);
				}
			}
			server.getDescendants(ServletContextHandler.class)
				.forEach((context) -> context.getServletHandler().setDecodeAmbiguousURIs(true));
		}

	}

	/**
	 * The workers' handler mapping, which hands CORS preflight requests to the worker as
	 * wws does, instead of answering them with Spring's CORS support.
	 */
	static final class PreflightToWorkersMapping extends RouterFunctionMapping {

		PreflightToWorkersMapping(RouterFunction<?> routerFunction) {
			super(routerFunction);
		}

		@Override
		protected HandlerExecutionChain getCorsHandlerExecutionChain(HttpServletRequest request,
				HandlerExecutionChain chain, @Nullable CorsConfiguration config) {
			return CorsUtils.isPreFlightRequest(request) ? chain
					: super.getCorsHandlerExecutionChain(request, chain, config);
		}

	}

}
