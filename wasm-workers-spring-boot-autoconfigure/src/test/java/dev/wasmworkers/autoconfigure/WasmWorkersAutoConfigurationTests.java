package dev.wasmworkers.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.runtime.NativeRuntime;
import dev.wasmworkers.runtime.WorkerRuntimes;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkersFolderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WasmWorkersAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenPathIsNotSetThenNothingIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WorkerCatalog.class)
			.doesNotHaveBean(WasmEngine.class)
			.doesNotHaveBean(WorkerExecutor.class));
	}

	@Test
	void whenChicoryIsAbsentThenNothingIsConfigured() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(WasmEngine.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkerCatalog.class));
	}

	@Test
	void whenPathIsSetThenTheEngineBeansAreCreatedAndWorkersLoaded() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context).hasSingleBean(WasmEngine.class)
				.hasSingleBean(WorkerProtocol.class)
				.hasSingleBean(WorkerExecutor.class)
				.hasSingleBean(WorkerInvoker.class)
				.hasSingleBean(WorkerCatalog.class);
			assertThat(context.getBean(WorkerCatalog.class).workers()).extracting(Worker::name)
				.containsExactly("hello.wasm");
		});
	}

	@Test
	void whenPathIsSetThenJavaScriptWorkersAreLoadedBesideWasmWorkers() throws Exception {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		Files.writeString(this.workers.resolve("script.js"),
				"addEventListener('fetch', (e) => e.respondWith(new Response('js')));\n");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context.getBean(WorkerRuntimes.class).extensions()).containsExactlyInAnyOrder("wasm", "js");
			assertThat(context.getBean(WorkerCatalog.class).workers())
				.allSatisfy((worker) -> assertThat(worker.failure()).isEmpty())
				.extracting(Worker::name)
				.containsExactlyInAnyOrder("hello.wasm", "script.js");
		});
	}

	@Test
	void whenUserDefinesWorkerRuntimesThenOnlyTheirFilesAreWorkers() throws Exception {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		Files.writeString(this.workers.resolve("script.js"), "// not a worker here\n");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(WorkerRuntimes.class,
					() -> new WorkerRuntimes(java.util.List.of(new NativeRuntime(new WasmEngine()))))
			.run((context) -> assertThat(context.getBean(WorkerCatalog.class).workers()).extracting(Worker::name)
				.containsExactly("hello.wasm"));
	}

	@Test
	void whenUserDefinesBeansThenAutoConfigurationBacksOff() {
		WasmEngine engine = new WasmEngine();
		WorkerProtocol protocol = new WorkerProtocol();
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(WasmEngine.class, () -> engine)
			.withBean(WorkerProtocol.class, () -> protocol)
			.run((context) -> {
				assertThat(context.getBean(WasmEngine.class)).isSameAs(engine);
				assertThat(context.getBean(WorkerProtocol.class)).isSameAs(protocol);
			});
	}

	@Test
	void whenPrefixIsSetThenRoutesAreUnderTheNormalisedPrefix() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.prefix=app/")
			.run((context) -> assertThat(context.getBean(WorkerCatalog.class).workers())
				.extracting((worker) -> worker.route().path())
				.containsExactly("/app/hello"));
	}

	@Test
	void whenPathDoesNotExistThenStartupFailsNamingThePath() {
		Path missing = this.workers.resolve("missing");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + missing)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(WorkersFolderException.class)
				.hasMessageContaining(missing.toString())
				.hasMessageContaining("does not exist"));
	}

	@Test
	void whenPathIsAFileThenStartupFailsNamingThePath() throws Exception {
		Path file = Files.writeString(this.workers.resolve("file.txt"), "x");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + file)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(file.toString())
				.hasMessageContaining("is not a folder"));
	}

	@Test
	void whenMaxConcurrencyIsZeroThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.max-concurrency=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.max-concurrency"));
	}

	@Test
	void whenMaxMemoryIsBelowOnePageThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.max-memory=1KB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("wasm.workers.max-memory"));
	}

	@Test
	void whenMaxOpenFilesIsNegativeThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.max-open-files=-1")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.max-open-files"));
	}

	@Test
	void whenMaxDiskWriteIsNegativeThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.max-disk-write=-1B")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.max-disk-write"));
	}

	@Test
	void whenWorkersCannotRunThenTheyAreReportedAndTheOthersServed() {
		WatWorkers.write(this.workers, "good.wasm", WatWorkers.answering("ok"));
		WatWorkers.writeBytes(this.workers, "invalid.wasm", "not a module".getBytes());
		WatWorkers.write(this.workers, "imports.wasm", WatWorkers.importingUnknown());
		WatWorkers.write(this.workers, "nostart.wasm", WatWorkers.withoutStart());
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			WorkerCatalog catalog = context.getBean(WorkerCatalog.class);
			assertThat(catalog.workers()).hasSize(4);
			assertThat(worker(catalog, "good.wasm").failure()).isEmpty();
			assertThat(worker(catalog, "invalid.wasm").failure()).isPresent();
			assertThat(worker(catalog, "imports.wasm").failure())
				.hasValueSatisfying((reason) -> assertThat(reason).contains("env").contains("not_provided"));
			assertThat(worker(catalog, "nostart.wasm").failure())
				.hasValueSatisfying((reason) -> assertThat(reason).contains("_start"));
		});
	}

	@Test
	void whenPathIsSetThenTheOutboundHttpClientHasTheDefaultSettings() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context.getBean(OutboundHttpClient.class).settings())
				.isEqualTo(OutboundHttpSettings.defaults()));
	}

	@Test
	void whenHttpPropertiesAreSetThenTheOutboundHttpClientUsesThem() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.http.connect-timeout=750ms",
					"wasm.workers.http.read-timeout=3s", "wasm.workers.http.max-response-body=64KB")
			.run((context) -> assertThat(context.getBean(OutboundHttpClient.class).settings())
				.isEqualTo(new OutboundHttpSettings(Duration.ofMillis(750), Duration.ofSeconds(3), 64 * 1024, 10)));
	}

	@Test
	void whenUserDefinesAnOutboundHttpClientThenAutoConfigurationBacksOff() {
		OutboundHttpClient client = new OutboundHttpClient(OutboundHttpSettings.defaults());
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(OutboundHttpClient.class, () -> client)
			.run((context) -> assertThat(context.getBean(OutboundHttpClient.class)).isSameAs(client));
	}

	@Test
	void whenHttpTimeoutsAreNotPositiveThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.http.read-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.http.read-timeout"));
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.http.connect-timeout=-1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("wasm.workers.http.connect-timeout"));
	}

	@Test
	void whenMaxResponseBodyIsTooLargeThenStartupFailsNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.http.max-response-body=3GB")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.http.max-response-body"));
	}

	private static Worker worker(WorkerCatalog catalog, String name) {
		return catalog.workers().stream().filter((worker) -> worker.name().equals(name)).findFirst().orElseThrow();
	}

}
