package dev.wasmworkers.autoconfigure;

import java.util.List;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.RoutePrefix;
import dev.wasmworkers.discovery.UnservedFiles;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.reload.CatalogReloader;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.runtime.WorkerRuntime;
import dev.wasmworkers.runtime.WorkerRuntimes;
import dev.wasmworkers.worker.InvocationListener;
import dev.wasmworkers.worker.KvConflictSettings;
import dev.wasmworkers.worker.LoadLimits;
import dev.wasmworkers.worker.RunLimits;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkerLoader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the worker engine: the workers
 * folder, the language runtimes ({@code .wasm} and {@code .js} workers, any
 * {@link WorkerRuntime} bean, and the runtimes of optional modules on the class path,
 * such as {@code wasm-workers-runtime-python}), discovery and compilation into the served
 * catalog (in the background while the context starts, waited for before its web server
 * starts) and its reloads (with {@code wasm.workers.watch}, whenever the folder changes),
 * the bounded executor, the invoker, the KV store and the client of the workers' outbound
 * HTTP requests.
 * <p>
 * Active when {@code wasm.workers.path} is set in a web application that one of the
 * stacks serving workers runs (WebFlux, or Spring MVC): anywhere else no worker would be
 * routed, so none is compiled and no thread is started.
 * <p>
 * The extension points are beans: a {@link KvStore}, an {@link InvocationListener} (the
 * observation auto-configuration provides one), {@link OutboundHttpClientCustomizer}s and
 * {@link WorkerRuntime}s. The rest is internal.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(WasmEngine.class)
@ConditionalOnProperty(prefix = "wasm.workers", name = "path")
@Conditional(WasmWorkersAutoConfiguration.RoutedWebApplicationCondition.class)
@EnableConfigurationProperties(WasmWorkersProperties.class)
public final class WasmWorkersAutoConfiguration {

	@Bean(destroyMethod = "close")
	WorkersFolder wasmWorkersFolder(WasmWorkersProperties properties, ResourceLoader resourceLoader) {
		return WorkersFolder.resolve(properties.getPath(), resourceLoader);
	}

	@Bean
	CatalogReloader wasmWorkersCatalogReloader(WasmWorkersProperties properties, WorkersFolder folder,
			Environment environment, ObjectProvider<WorkerRuntime> extraRuntimes,
			OutboundHttpClient outboundHttpClient) {
		JvmFlags.warnIfHugeMethodsAreNotCompiled();
		WorkerRuntimes workerRuntimes = WorkerRuntimes.defaults(
				new WasmEngine(CompileCacheFolder.open(properties.getCompileCache(), folder, environment)),
				extraRuntimes.orderedStream().toList());
		WorkerConfigReader configReader = new WorkerConfigReader(environment::getProperty);
		if (folder.copied()) {
			configReader = configReader.refusingMountsIn(folder.path(), folder.location());
		}
		UnservedFiles.report(folder.path(), workerRuntimes.extensions());
		String prefix = prefix(properties.getPrefix());
		WorkerDiscovery discovery = discovery(workerRuntimes, properties.getIgnore());
		WorkerLoader loader = new WorkerLoader(workerRuntimes, configReader, outboundHttpClient, loadLimits(properties),
				kvConflictSettings(properties));
		return folder.copied()
				? CatalogReloader.loadPackaged(folder.path(), prefix, discovery, loader, folder.location())
				: CatalogReloader.load(folder.path(), prefix, discovery, loader);
	}

	@Bean
	WorkerCatalogHolder wasmWorkerCatalogHolder(CatalogReloader reloader) {
		return reloader.catalogs();
	}

	@Bean
	WorkerCatalogLoadingLifecycle wasmWorkersCatalogLoadingLifecycle(WorkerCatalogHolder catalogs) {
		return new WorkerCatalogLoadingLifecycle(catalogs);
	}

	@Bean
	@ConditionalOnBooleanProperty("wasm.workers.watch")
	WorkersFolderWatch wasmWorkersFolderWatch(CatalogReloader reloader) {
		return new WorkersFolderWatch(reloader);
	}

	@Bean
	OutboundHttpClient wasmWorkersOutboundHttpClient(WasmWorkersProperties properties,
			ObjectProvider<OutboundHttpClientCustomizer> customizers) {
		WasmWorkersProperties.Http http = properties.getHttp();
		PropertyChecks.positive("wasm.workers.http.connect-timeout", http.getConnectTimeout());
		PropertyChecks.positive("wasm.workers.http.read-timeout", http.getReadTimeout());
		long maxResponseBody = http.getMaxResponseBody().toBytes();
		if (maxResponseBody < 0 || maxResponseBody > OutboundHttpSettings.LARGEST_RESPONSE_BODY) {
			throw new InvalidConfigurationPropertyValueException("wasm.workers.http.max-response-body",
					http.getMaxResponseBody(), "must be from 0B to 2GB (a worker's memory is 32-bit)");
		}
		return new OutboundHttpClient(
				new OutboundHttpSettings(http.getConnectTimeout(), http.getReadTimeout(), maxResponseBody,
						OutboundHttpSettings.DEFAULT_MAX_REDIRECTS),
				(builder) -> customizers.orderedStream().forEach((customizer) -> customizer.customize(builder)));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnProperty(prefix = "wasm.workers.kv", name = "store", havingValue = "memory", matchIfMissing = true)
	KvStore wasmWorkersKvStore(WasmWorkersProperties properties) {
		return new InMemoryKvStore(kvLimits(properties));
	}

	@Bean(destroyMethod = "close")
	WorkerExecutor workerExecutor(WasmWorkersProperties properties) {
		PropertyChecks.atLeast("wasm.workers.max-concurrency", properties.getMaxConcurrency(), 1);
		PropertyChecks.atLeast("wasm.workers.queue-capacity", properties.getQueueCapacity(), 0);
		return new WorkerExecutor(properties.getMaxConcurrency(), properties.getQueueCapacity());
	}

	@Bean
	WorkerInvoker workerInvoker(WorkerExecutor executor, KvStore kvStore, WorkerGates gates,
			WasmWorkersProperties properties, ObjectProvider<InvocationListener> invocationListener) {
		return new WorkerInvoker(executor, new WorkerProtocol(), kvStore, runLimits(properties), gates,
				invocationListener.getIfAvailable(() -> InvocationListener.NONE), kvConflictSettings(properties));
	}

	@Bean
	WorkerGates workerGates(WasmWorkersProperties properties) {
		Integer perWorker = properties.getMaxConcurrencyPerWorker();
		int maxRunning = (perWorker != null) ? perWorker : Math.max(1, properties.getMaxConcurrency() - 1);
		PropertyChecks.atLeast("wasm.workers.max-concurrency-per-worker", maxRunning, 1);
		return new WorkerGates(maxRunning, properties.getQueueCapacity());
	}

	private static WorkerDiscovery discovery(WorkerRuntimes runtimes, List<String> ignore) {
		try {
			return new WorkerDiscovery(runtimes.extensions(), ignore);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("wasm.workers.ignore", ignore, ex.getMessage());
		}
	}

	private static String prefix(String prefix) {
		try {
			return RoutePrefix.normalize(prefix);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("wasm.workers.prefix", prefix, ex.getMessage());
		}
	}

	private static LoadLimits loadLimits(WasmWorkersProperties properties) {
		PropertyChecks.positive("wasm.workers.compile-timeout", properties.getCompileTimeout());
		PropertyChecks.atLeast("wasm.workers.max-module-size", properties.getMaxModuleSize().toBytes(), 1);
		return new LoadLimits(properties.getCompileTimeout(), properties.getMaxModuleSize().toBytes(),
				runLimits(properties).maxMemoryPages());
	}

	static KvLimits kvLimits(WasmWorkersProperties properties) {
		WasmWorkersProperties.Kv kv = properties.getKv();
		PropertyChecks.atLeast("wasm.workers.kv.max-entries", kv.getMaxEntries(), 1);
		PropertyChecks.atLeast("wasm.workers.kv.max-bytes", kv.getMaxBytes().toBytes(), 1);
		return new KvLimits(kv.getMaxEntries(), kv.getMaxBytes().toBytes());
	}

	private static KvConflictSettings kvConflictSettings(WasmWorkersProperties properties) {
		WasmWorkersProperties.Kv kv = properties.getKv();
		PropertyChecks.atLeast("wasm.workers.kv.max-retries", kv.getMaxRetries(), 0);
		return new KvConflictSettings(kv.getOnConflict(), kv.getMaxRetries());
	}

	private static RunLimits runLimits(WasmWorkersProperties properties) {
		PropertyChecks.positive("wasm.workers.timeout", properties.getTimeout());
		PropertyChecks.atLeast("wasm.workers.max-memory", properties.getMaxMemory().toBytes(), RunLimits.PAGE_SIZE,
				"must be at least 64KB (one WebAssembly page)");
		PropertyChecks.atLeast("wasm.workers.max-open-files", properties.getMaxOpenFiles(), 0);
		PropertyChecks.atLeast("wasm.workers.max-disk-write", properties.getMaxDiskWrite().toBytes(), 0);
		return new RunLimits(properties.getTimeout(), RunLimits.pages(properties.getMaxMemory().toBytes()),
				PropertyChecks.intBytes("wasm.workers.max-stdout", properties.getMaxStdout()),
				PropertyChecks.intBytes("wasm.workers.max-stderr", properties.getMaxStderr()),
				properties.getMaxOpenFiles(), properties.getMaxDiskWrite().toBytes());
	}

	/**
	 * Matches a web application whose stack serves workers: a reactive one with WebFlux,
	 * or a servlet one with Spring MVC.
	 */
	static final class RoutedWebApplicationCondition extends AnyNestedCondition {

		RoutedWebApplicationCondition() {
			super(ConfigurationPhase.PARSE_CONFIGURATION);
		}

		@ConditionalOnWebApplication(type = Type.REACTIVE)
		@ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
		static class WebFlux {

		}

		@ConditionalOnWebApplication(type = Type.SERVLET)
		@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
		static class WebMvc {

		}

	}

}
