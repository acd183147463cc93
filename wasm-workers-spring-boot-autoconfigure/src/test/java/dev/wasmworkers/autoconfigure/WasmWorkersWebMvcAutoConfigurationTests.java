package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.web.ServletWorkerRouter;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.web.servlet.function.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersWebMvcAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(WasmWorkersAutoConfiguration.class, WasmWorkersWebFluxAutoConfiguration.class,
					WasmWorkersWebMvcAutoConfiguration.class, WebMvcAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenPathIsSetThenOneHandlerMappingServesTheWorkersAfterTheApplicationsHandlers() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			RouterFunctionMapping mapping = context.getBean(WorkersHandlerMapping.BEAN_NAME,
					RouterFunctionMapping.class);
			assertThat(mapping.getOrder()).isEqualTo(WorkersHandlerMapping.ORDER);
			assertThat(mapping.getRouterFunction()).isInstanceOf(ServletWorkerRouter.class);
		});
	}

	@Test
	void whenPathIsNotSetThenNothingIsRegistered() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WorkersHandlerMapping.BEAN_NAME)
			.doesNotHaveBean(WorkerCatalogHolder.class));
	}

	@Test
	void whenUserDefinesTheHandlerMappingThenAutoConfigurationBacksOff() {
		RouterFunctionMapping own = new RouterFunctionMapping();
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(WorkersHandlerMapping.BEAN_NAME, RouterFunctionMapping.class, () -> own)
			.run((context) -> assertThat(context.getBean(WorkersHandlerMapping.BEAN_NAME)).isSameAs(own));
	}

	@Test
	void whenPathIsSetThenTomcatAndJettyAcceptTheRequestTargetsWwsAccepts() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).hasBean("wasmWorkersTomcatRequestTargets")
				.hasBean("wasmWorkersJettyRequestTargets"));
	}

	@Test
	void whenRelaxedRequestTargetsIsOffThenTomcatAndJettyKeepTheirOwnChecks() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.relaxed-request-targets=false")
			.run((context) -> assertThat(context).hasBean(WorkersHandlerMapping.BEAN_NAME)
				.doesNotHaveBean("wasmWorkersTomcatRequestTargets")
				.doesNotHaveBean("wasmWorkersJettyRequestTargets"));
	}

	@Test
	void whenJettyIsAbsentThenOnlyTomcatIsCustomised() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(org.eclipse.jetty.server.Server.class))
			.run((context) -> assertThat(context).hasBean("wasmWorkersTomcatRequestTargets")
				.doesNotHaveBean("wasmWorkersJettyRequestTargets"));
	}

	@Test
	void whenSpringMvcIsAbsentFromAServletApplicationThenNoWorkerIsCompiled() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(org.springframework.web.servlet.function.RouterFunction.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkerCatalogHolder.class));
	}

}
