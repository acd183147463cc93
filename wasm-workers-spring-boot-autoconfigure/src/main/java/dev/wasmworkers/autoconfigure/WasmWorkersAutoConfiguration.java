package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.RoutePrefix;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.runtime.WorkerRuntimes;
import dev.wasmworkers.worker.RunLimits;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import dev.wasmworkers.worker.WorkerLoader;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for the worker engine: discovery,
 * the language runtimes ({@code .wasm} and {@code .js} workers), compilation, the bounded
 * executor and the invoker, active when {@code wasm.workers.path} is set.
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
			WorkerConfigReader configReader) {
		Path path = properties.getPath();
		return WorkerCatalog.load(path, RoutePrefix.normalize(properties.getPrefix()), discovery,
				new WorkerLoader(runtimes, configReader));
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
			WasmWorkersProperties properties) {
		return new WorkerInvoker(executor, protocol, kvStore, runLimits(properties), gates);
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
		return new RunLimits(properties.getTimeout(), RunLimits.pages(properties.getMaxMemory().toBytes()),
				PropertyChecks.intBytes("wasm.workers.max-stdout", properties.getMaxStdout()),
				PropertyChecks.intBytes("wasm.workers.max-stderr", properties.getMaxStderr()));
	}

}
