package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.web.ReactiveWorkerRouter;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
				WasmWorkersWebFluxAutoConfiguration.class, WasmWorkersWebMvcAutoConfiguration.class,
				WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenPathIsSetThenOneHandlerMappingServesTheWorkersAfterTheApplicationsHandlers() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			RouterFunctionMapping mapping = context.getBean(WorkersHandlerMapping.BEAN_NAME,
					RouterFunctionMapping.class);
			assertThat(mapping.getOrder()).isEqualTo(WorkersHandlerMapping.ORDER);
			assertThat(mapping.getRouterFunction()).isInstanceOf(ReactiveWorkerRouter.class);
			assertThat(context).getBeans(org.springframework.web.servlet.function.support.RouterFunctionMapping.class)
				.isEmpty();
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
	void whenApplicationIsNotAWebApplicationThenNoWorkerIsCompiledAndNoThreadStarted() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
					WasmWorkersWebFluxAutoConfiguration.class, WasmWorkersWebMvcAutoConfiguration.class,
					WasmWorkersEndpointAutoConfiguration.class, WasmWorkersHealthContributorAutoConfiguration.class))
			.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(WorkerCatalogHolder.class)
				.doesNotHaveBean(WorkerExecutor.class)
				.doesNotHaveBean("wasmWorkersEndpoint")
				.doesNotHaveBean("wasmWorkersHealthIndicator"));
	}

}
