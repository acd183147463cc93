package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.RoutePrefix;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.worker.InvocationListener;
import dev.wasmworkers.runtime.WorkerRuntimes;
import dev.wasmworkers.worker.RunLimits;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkerLoader;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the worker engine: discovery,
 * the language runtimes ({@code .wasm} and {@code .js} workers), compilation, the bounded
 * executor, the invoker and the client of the workers' outbound HTTP requests, active
 * when {@code wasm.workers.path} is set.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(WasmEngine.class)
@ConditionalOnProperty(prefix = "wasm.workers", name = "path")
@EnableConfigurationProperties(WasmWorkersProperties.class)
public final class WasmWorkersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	WasmEngine wasmEngine() {
		return new WasmEngine();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerProtocol workerProtocol() {
		return new WorkerProtocol();
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerRuntimes workerRuntimes(WasmEngine engine) {
		return WorkerRuntimes.defaults(engine);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerDiscovery workerDiscovery(WorkerRuntimes runtimes) {
		return new WorkerDiscovery(runtimes.extensions());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerConfigReader workerConfigReader(Environment environment) {
		return new WorkerConfigReader(environment::getProperty);
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerCatalog workerCatalog(WasmWorkersProperties properties, WorkerDiscovery discovery, WorkerRuntimes runtimes,
			WorkerConfigReader configReader, OutboundHttpClient outboundHttpClient) {
		Path path = properties.getPath();
		return WorkerCatalog.load(path, RoutePrefix.normalize(properties.getPrefix()), discovery,
				new WorkerLoader(runtimes, configReader, outboundHttpClient));
	}

	@Bean
	@ConditionalOnMissingBean
	OutboundHttpClient wasmWorkersOutboundHttpClient(WasmWorkersProperties properties) {
		WasmWorkersProperties.Http http = properties.getHttp();
		PropertyChecks.positive("wasm.workers.http.connect-timeout", http.getConnectTimeout());
		PropertyChecks.positive("wasm.workers.http.read-timeout", http.getReadTimeout());
		long maxResponseBody = http.getMaxResponseBody().toBytes();
		if (maxResponseBody < 0 || maxResponseBody > OutboundHttpSettings.LARGEST_RESPONSE_BODY) {
			throw new InvalidConfigurationPropertyValueException("wasm.workers.http.max-response-body",
					http.getMaxResponseBody(), "must be from 0B to 2GB (a worker's memory is 32-bit)");
		}
		return new OutboundHttpClient(new OutboundHttpSettings(http.getConnectTimeout(), http.getReadTimeout(),
				maxResponseBody, OutboundHttpSettings.DEFAULT_MAX_REDIRECTS));
	}

	@Bean
	@ConditionalOnMissingBean
	KvStore wasmWorkersKvStore(WasmWorkersProperties properties) {
		WasmWorkersProperties.Kv kv = properties.getKv();
		PropertyChecks.atLeast("wasm.workers.kv.max-entries", kv.getMaxEntries(), 1);
		PropertyChecks.atLeast("wasm.workers.kv.max-bytes", kv.getMaxBytes().toBytes(), 1);
		return new InMemoryKvStore(new KvLimits(kv.getMaxEntries(), kv.getMaxBytes().toBytes()));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	WorkerExecutor workerExecutor(WasmWorkersProperties properties) {
		PropertyChecks.atLeast("wasm.workers.max-concurrency", properties.getMaxConcurrency(), 1);
		PropertyChecks.atLeast("wasm.workers.queue-capacity", properties.getQueueCapacity(), 0);
		return new WorkerExecutor(properties.getMaxConcurrency(), properties.getQueueCapacity());
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerInvoker workerInvoker(WorkerExecutor executor, WorkerProtocol protocol, KvStore kvStore, WorkerGates gates,
			WasmWorkersProperties properties, ObjectProvider<InvocationListener> invocationListener) {
		return new WorkerInvoker(executor, protocol, kvStore, runLimits(properties), gates,
				invocationListener.getIfAvailable(() -> InvocationListener.NONE));
	}

	@Bean
	@ConditionalOnMissingBean
	WorkerGates workerGates(WasmWorkersProperties properties) {
		Integer perWorker = properties.getMaxConcurrencyPerWorker();
		int maxRunning = (perWorker != null) ? perWorker : Math.max(1, properties.getMaxConcurrency() - 1);
		PropertyChecks.atLeast("wasm.workers.max-concurrency-per-worker", maxRunning, 1);
		return new WorkerGates(maxRunning, properties.getQueueCapacity());
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

}
