package dev.wasmworkers.autoconfigure;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.http.HttpAllowList;
import dev.wasmworkers.http.HttpMethod;
import dev.wasmworkers.http.OutboundRequest;
import dev.wasmworkers.http.OutboundResponse;
import dev.wasmworkers.runtime.WorkerRuntime;
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
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkersFolderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class WasmWorkersAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenPathIsNotSetThenNothingIsConfigured() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(WorkerCatalogHolder.class)
			.doesNotHaveBean(WasmEngine.class)
			.doesNotHaveBean(WorkerExecutor.class));
	}

	@Test
	void whenChicoryIsAbsentThenNothingIsConfigured() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withClassLoader(new FilteredClassLoader(WasmEngine.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WorkerCatalogHolder.class));
	}

	@Test
	void whenPathIsSetThenTheEngineBeansAreCreatedAndWorkersLoaded() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context).hasSingleBean(WorkerExecutor.class)
				.hasSingleBean(WorkerInvoker.class)
				.hasSingleBean(WorkerCatalogHolder.class)
				.doesNotHaveBean(WasmEngine.class)
				.doesNotHaveBean(WorkerProtocol.class);
			assertThat(context.getBean(WorkerCatalogHolder.class).current().workers()).extracting(Worker::name)
				.containsExactly("hello.wasm");
		});
	}

	@Test
	void whenPathIsSetThenJavaScriptWorkersAreLoadedBesideWasmWorkers() throws Exception {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		Files.writeString(this.workers.resolve("script.js"),
				"addEventListener('fetch', (e) => e.respondWith(new Response('js')));\n");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context.getBean(WorkerCatalogHolder.class).current().workers())
				.allSatisfy((worker) -> assertThat(worker.failure()).isEmpty())
				.extracting(Worker::name)
				.containsExactlyInAnyOrder("hello.wasm", "script.js");
		});
	}

	@Test
	void whenAWorkerRuntimeBeanIsDefinedThenItsFilesAreWorkersBesideTheDefaultOnes() throws Exception {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		WatWorkers.write(this.workers, "other.module", WatWorkers.answering("other"));
		NativeRuntime wasm = new NativeRuntime(new WasmEngine());
		WorkerRuntime modules = new WorkerRuntime() {

			@Override
			public Set<String> extensions() {
				return Set.of("module");
			}

			@Override
			public WasmProgram load(WorkerSource source, WorkerConfig config) throws WorkerLoadException, IOException {
				return wasm.load(source, config);
			}

		};
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(WorkerRuntime.class, () -> modules)
			.run((context) -> assertThat(context.getBean(WorkerCatalogHolder.class).current().workers())
				.allSatisfy((worker) -> assertThat(worker.failure()).isEmpty())
				.extracting(Worker::name)
				.containsExactlyInAnyOrder("hello.wasm", "other.module"));
	}

	@Test
	void whenPathIsEmptyThenStartupFailsAsForAMissingFolder() {
		this.contextRunner.withPropertyValues("wasm.workers.path=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(WorkersFolderException.class)
				.hasMessage("Workers folder '' does not exist"));
	}

	@Test
	void whenPathIsAFileLocationThenItsFolderIsServed() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=file:" + this.workers)
			.run((context) -> assertThat(context.getBean(WorkerCatalogHolder.class).current().root())
				.isEqualTo(this.workers.toAbsolutePath().normalize()));
	}

	@Test
	void whenPathIsAClasspathFolderOnDiskThenItIsServedInPlace() throws Exception {
		WatWorkers.write(this.workers, "packaged/hello.wasm", WatWorkers.answering("hi"));
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { this.workers.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner.withClassLoader(classLoader)
				.withPropertyValues("wasm.workers.path=classpath:packaged")
				.run((context) -> assertThat(context.getBean(WorkerCatalogHolder.class).current().root())
					.isEqualTo(this.workers.resolve("packaged").toRealPath()));
		}
	}

	@Test
	void whenPathIsAClasspathFolderThenCompiledModulesAreKeptInTheUsersCacheFolder(@TempDir Path cacheHome)
			throws Exception {
		WatWorkers.write(this.workers, "packaged/hello.wasm", WatWorkers.answering("hi"));
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { this.workers.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner.withClassLoader(classLoader)
				.withPropertyValues("wasm.workers.path=classpath:packaged", "XDG_CACHE_HOME=" + cacheHome)
				.run((context) -> {
					assertThat(context.getBean(WorkerCatalogHolder.class).current().workers()).hasSize(1);
					assertThat(compiledModules(cacheHome.resolve("wasm-workers/compiled"))).hasSize(1);
					assertThat(this.workers.resolve("packaged/.wws")).doesNotExist();
				});
		}
	}

	@Test
	void theUsersCacheFolderIsXdgCacheHomeOrElseDotCacheInTheHomeFolder() {
		MockEnvironment environment = new MockEnvironment().withProperty("user.home", "/home/ada");

		assertThat(CompileCacheFolder.userCacheFolder(environment))
			.isEqualTo(Path.of("/home/ada/.cache/wasm-workers/compiled"));
		assertThat(CompileCacheFolder.userCacheFolder(environment.withProperty("XDG_CACHE_HOME", "/var/cache/ada")))
			.isEqualTo(Path.of("/var/cache/ada/wasm-workers/compiled"));
		assertThat(CompileCacheFolder.userCacheFolder(environment.withProperty("XDG_CACHE_HOME", "relative")))
			.as("a relative XDG_CACHE_HOME is ignored")
			.isEqualTo(Path.of("/home/ada/.cache/wasm-workers/compiled"));
		assertThat(CompileCacheFolder.userCacheFolder(new MockEnvironment().withProperty("user.home", "?")))
			.as("no home folder")
			.isNull();
	}

	@Test
	void whenThereIsNoUsersCacheFolderThenPackagedWorkersAreServedAndTheReasonLogged(CapturedOutput output)
			throws Exception {
		WatWorkers.write(this.workers, "packaged/hello.wasm", WatWorkers.answering("hi"));
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { this.workers.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner.withClassLoader(classLoader)
				.withPropertyValues("wasm.workers.path=classpath:packaged", "XDG_CACHE_HOME=", "user.home=?")
				.run((context) -> {
					assertThat(context.getBean(WorkerCatalogHolder.class).current().workers()).hasSize(1);
					assertThat(output).contains(
							"Compiled .wasm workers are not kept between starts: the user has" + " no home folder");
				});
		}
	}

	@Test
	void whenPathIsSetThenCompiledModulesAreKeptInTheWorkersFolder() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(compiledModules(this.workers.resolve(".wws/compiled"))).hasSize(1));
	}

	@Test
	void whenCompileCachePathIsSetThenCompiledModulesAreKeptThere(@TempDir Path cache) {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.compile-cache.path=" + cache)
			.run((context) -> {
				assertThat(compiledModules(cache)).hasSize(1);
				assertThat(this.workers.resolve(".wws")).doesNotExist();
			});
	}

	@Test
	void whenCompileCacheIsDisabledThenNothingIsWritten() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.compile-cache.enabled=false")
			.run((context) -> {
				assertThat(context.getBean(WorkerCatalogHolder.class).current().workers()).hasSize(1);
				assertThat(this.workers.resolve(".wws")).doesNotExist();
			});
	}

	@Test
	void whenTheDefaultCompileCacheFolderCannotBeCreatedThenWorkersAreServedAndTheReasonLogged(CapturedOutput output)
			throws IOException {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		Files.writeString(this.workers.resolve(".wws"), "a file where the folder would be");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context.getBean(WorkerCatalogHolder.class).current().workers()).hasSize(1);
			assertThat(output).contains("Compiled .wasm workers are not kept between starts")
				.contains("wasm.workers.compile-cache.path");
		});
	}

	@Test
	void whenCompileCachePathCannotBeAFolderThenStartupFailsNamingTheProperty() throws IOException {
		Path file = Files.writeString(this.workers.resolve("file.txt"), "x");
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.compile-cache.path=" + file)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.compile-cache.path"));
	}

	@Test
	void whenPathIsAMissingClasspathLocationThenStartupFailsNamingThePropertyAndValue() {
		this.contextRunner.withPropertyValues("wasm.workers.path=classpath:no-such-workers")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.path")
				.hasMessageContaining("classpath:no-such-workers")
				.hasMessageContaining("no such folder on the classpath"));
	}

	@Test
	void whenPathIsAnotherKindOfUrlThenStartupFailsNamingThePropertyAndValue() {
		this.contextRunner.withPropertyValues("wasm.workers.path=https://example.com/workers")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("https://example.com/workers"));
	}

	@Test
	void filesOfOtherWwsRuntimesAreNamedOnceAtStartup(CapturedOutput output) throws Exception {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		Files.writeString(this.workers.resolve("api.rb"), "puts 'hi'");
		Files.writeString(this.workers.resolve("main.go"), "package main");
		Files.writeString(this.workers.resolve("main.zig"), "const std = @import(\"std\");");
		Files.writeString(this.workers.resolve(".wws.toml"), "version = 1");
		Files.createDirectories(this.workers.resolve("_lib"));
		Files.writeString(this.workers.resolve("_lib/helper.py"), "x = 1");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(output)
				.contains("4 files in " + this.workers.toAbsolutePath().normalize()
						+ " look like wws workers but are not workers here (only .js, .py, .wasm files are)")
				.contains("api.rb (a Ruby worker")
				.contains("main.go (Go source")
				.contains("main.zig (Zig source")
				.contains(".wws.toml (the wws runtimes manifest")
				.doesNotContain("helper.py");
		});
	}

	@Test
	void withoutThePythonModuleAPyFileIsAFailedWorkerNamingTheDependency() throws Exception {
		Files.writeString(this.workers.resolve("index.py"), "def worker(request):\n    return Response('hi')\n");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.run((context) -> assertThat(context.getBean(WorkerCatalogHolder.class).current().workers()).singleElement()
				.satisfies((worker) -> assertThat(worker.failure()).hasValueSatisfying((reason) -> assertThat(reason)
					.contains("add the dependency dev.wasmworkers:wasm-workers-runtime-python"))));
	}

	@Test
	void aWorkerRuntimeBeanRunsItsFilesInsteadOfTheOptionalModules() throws Exception {
		Files.writeString(this.workers.resolve("index.py"), "print('hi')");
		WorkerRuntime python = new WorkerRuntime() {

			@Override
			public Set<String> extensions() {
				return Set.of("py");
			}

			@Override
			public WasmProgram load(WorkerSource source, WorkerConfig config) throws WorkerLoadException {
				throw new WorkerLoadException(source.relativePath(), "not a real Python runtime");
			}

		};
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
			.withBean(WorkerRuntime.class, () -> python)
			.run((context) -> assertThat(context.getBean(WorkerCatalogHolder.class).current().workers()).singleElement()
				.satisfies((worker) -> assertThat(worker.failure())
					.hasValueSatisfying((reason) -> assertThat(reason).endsWith("not a real Python runtime"))));
	}

	@Test
	void whenPrefixIsSetThenRoutesAreUnderTheNormalisedPrefix() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.prefix=app/")
			.run((context) -> assertThat(context.getBean(WorkerCatalogHolder.class).current().workers())
				.extracting((worker) -> worker.route().path())
				.containsExactly("/app/hello"));
	}

	@Test
	void whenIgnorePatternsAreSetThenMatchingFilesAreNotWorkers() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		WatWorkers.write(this.workers, "node_modules/lib/index.wasm", WatWorkers.answering("no"));
		WatWorkers.write(this.workers, "tests/check.wasm", WatWorkers.answering("no"));
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.ignore[0]=**/node_modules/**",
					"wasm.workers.ignore[1]=tests/*.wasm")
			.run((context) -> assertThat(context.getBean(WorkerCatalogHolder.class).current().workers())
				.extracting(Worker::name)
				.containsExactly("hello.wasm"));
	}

	@Test
	void whenAnIgnorePatternIsInvalidThenStartupFailsNamingThePropertyAndThePattern() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.ignore=a**")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.ignore")
				.hasMessageContaining("ignore pattern 'a**' is invalid"));
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
				.hasMessageContaining("is a file, not a folder"));
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
	void whenMaxModuleSizeIsSetThenALargerWorkerFailsToLoadNamingTheProperty() {
		WatWorkers.write(this.workers, "good.wasm", WatWorkers.answering("ok"));
		WatWorkers.write(this.workers, "large.wasm", WatWorkers.answering("x".repeat(2048)));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.max-module-size=1KB")
			.run((context) -> {
				WorkerCatalog catalog = context.getBean(WorkerCatalogHolder.class).current();
				assertThat(worker(catalog, "good.wasm").failure()).isEmpty();
				assertThat(worker(catalog, "large.wasm").failure()).hasValueSatisfying((reason) -> assertThat(reason)
					.contains("more than the largest module size of 1024 bytes (wasm.workers.max-module-size)"));
			});
	}

	@Test
	void whenMaxMemoryIsBelowAWorkersInitialMemoryThenThatWorkerFailsToLoadNamingBoth() {
		WatWorkers.write(this.workers, "good.wasm", WatWorkers.answering("ok"));
		WatWorkers.write(this.workers, "large-memory.wasm", "(module (memory 20) (func (export \"_start\")))");
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.max-memory=1MB")
			.run((context) -> {
				WorkerCatalog catalog = context.getBean(WorkerCatalogHolder.class).current();
				assertThat(worker(catalog, "good.wasm").failure()).isEmpty();
				assertThat(worker(catalog, "large-memory.wasm").failure())
					.hasValueSatisfying((reason) -> assertThat(reason).contains(
							"its initial memory of 20 pages (64 KiB each) is more than its memory cap of 16 pages"));
			});
	}

	@Test
	void whenCompileTimeoutIsNotPositiveThenStartupFailsNamingTheProperty() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.compile-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("wasm.workers.compile-timeout"));
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
			WorkerCatalog catalog = context.getBean(WorkerCatalogHolder.class).current();
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
	void whenOutboundHttpClientCustomizersAreDefinedThenEachConfiguresTheClientInOrder() throws Exception {
		List<String> calls = new CopyOnWriteArrayList<>();
		HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		proxy.createContext("/", (exchange) -> {
			calls.add("proxied " + exchange.getRequestURI());
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		proxy.start();
		try {
			this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers)
				.withBean("first", OutboundHttpClientCustomizer.class, () -> (builder) -> calls.add("first"))
				.withBean("proxy", OutboundHttpClientCustomizer.class, () -> (builder) -> {
					calls.add("proxy");
					builder.proxy(ProxySelector.of(proxy.getAddress()));
				})
				.run((context) -> {
					OutboundResponse response = context.getBean(OutboundHttpClient.class)
						.forWorker("test", new HttpAllowList(Set.of("far.test"), HttpAllowList.DEFAULT_METHODS, true))
						.send(new OutboundRequest(HttpMethod.GET, "http://far.test/x", List.of(), new byte[0]));
					assertThat(response.status()).isEqualTo(204);
					assertThat(calls).containsExactly("first", "proxy", "proxied http://far.test/x");
				});
		}
		finally {
			proxy.stop(0);
		}
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

	private static List<Path> compiledModules(Path cache) throws IOException {
		try (Stream<Path> files = Files.walk(cache)) {
			return files.filter((file) -> file.toString().endsWith(".jar")).toList();
		}
	}

}
