package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.WorkerCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersWebFluxAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(WasmWorkersAutoConfiguration.class, WasmWorkersWebFluxAutoConfiguration.class,
						WebFluxAutoConfiguration.class, CodecsAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenPathIsSetThenWorkerRoutesAndPublicFilesMappingAreRegistered() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context).hasBean("wasmWorkersRouterFunction").hasBean("wasmWorkersPublicFilesMapping");
			assertThat(context.getBean("wasmWorkersPublicFilesMapping", RouterFunctionMapping.class).getOrder())
				.isEqualTo(WasmWorkersWebFluxAutoConfiguration.PUBLIC_FILES_ORDER);
		});
	}

	@Test
	void whenPathIsNotSetThenNoRoutesAreRegistered() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("wasmWorkersRouterFunction")
			.doesNotHaveBean("wasmWorkersPublicFilesMapping"));
	}

	@Test
	void whenUserDefinesTheRouterFunctionThenAutoConfigurationBacksOff() {
		RouterFunction<?> own = (request) -> reactor.core.publisher.Mono.empty();
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean("wasmWorkersRouterFunction", RouterFunction.class, () -> own)
			.run((context) -> assertThat(context.getBean("wasmWorkersRouterFunction")).isSameAs(own));
	}

	@Test
	void whenApplicationIsNotReactiveThenOnlyTheEngineIsConfigured() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
					WasmWorkersWebFluxAutoConfiguration.class))
			.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context).hasSingleBean(WorkerCatalog.class)
				.doesNotHaveBean("wasmWorkersRouterFunction"));
	}

}
