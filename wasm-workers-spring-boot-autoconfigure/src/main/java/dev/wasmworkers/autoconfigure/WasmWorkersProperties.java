package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for serving wws workers.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@ConfigurationProperties("wasm.workers")
public class WasmWorkersProperties {

	/**
	 * Folder of wws workers to serve: every .wasm or .js file in it is a route.
	 */
	private @Nullable Path path;

	/**
	 * Path prefix for every worker route and for the files of the public folder.
	 */
	private String prefix = "";

	/**
	 * Maximum number of worker runs at the same time. Defaults to the number of available
	 * processors.
	 */
	private int maxConcurrency = Runtime.getRuntime().availableProcessors();

	/**
	 * Maximum number of runs of one worker at the same time, unless its TOML file sets
	 * max_concurrency. Defaults to one less than max-concurrency (at least 1), so that
	 * one worker never holds every thread.
	 */
	private @Nullable Integer maxConcurrencyPerWorker;

	/**
	 * Maximum number of worker runs waiting for a free slot; past it requests get 503
	 * with Retry-After.
	 */
	private int queueCapacity = 256;

	/**
	 * Deadline of one worker run, counted from when it starts running.
	 */
	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * Maximum linear memory of one worker instance.
	 */
	private DataSize maxMemory = DataSize.ofMegabytes(128);

	/**
	 * Maximum size of what one worker run writes on stdout; past it the run fails.
	 */
	private DataSize maxStdout = DataSize.ofMegabytes(8);

	/**
	 * Maximum size of a worker run's stderr kept for the log; the rest is dropped.
	 */
	private DataSize maxStderr = DataSize.ofKilobytes(64);

	/**
	 * Maximum size of a request body; larger requests get 413 before any worker runs.
	 */
	private DataSize maxRequestBody = DataSize.ofMegabytes(1);

	private final Kv kv = new Kv();

	public @Nullable Path getPath() {
		return this.path;
	}

	public void setPath(@Nullable Path path) {
		this.path = path;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public int getMaxConcurrency() {
		return this.maxConcurrency;
	}

	public void setMaxConcurrency(int maxConcurrency) {
		this.maxConcurrency = maxConcurrency;
	}

	public @Nullable Integer getMaxConcurrencyPerWorker() {
		return this.maxConcurrencyPerWorker;
	}

	public void setMaxConcurrencyPerWorker(@Nullable Integer maxConcurrencyPerWorker) {
		this.maxConcurrencyPerWorker = maxConcurrencyPerWorker;
	}

	public int getQueueCapacity() {
		return this.queueCapacity;
	}

	public void setQueueCapacity(int queueCapacity) {
		this.queueCapacity = queueCapacity;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public DataSize getMaxMemory() {
		return this.maxMemory;
	}

	public void setMaxMemory(DataSize maxMemory) {
		this.maxMemory = maxMemory;
	}

	public DataSize getMaxStdout() {
		return this.maxStdout;
	}

	public void setMaxStdout(DataSize maxStdout) {
		this.maxStdout = maxStdout;
	}

	public DataSize getMaxStderr() {
		return this.maxStderr;
	}

	public void setMaxStderr(DataSize maxStderr) {
		this.maxStderr = maxStderr;
	}

	public DataSize getMaxRequestBody() {
		return this.maxRequestBody;
	}

	public void setMaxRequestBody(DataSize maxRequestBody) {
		this.maxRequestBody = maxRequestBody;
	}

	public Kv getKv() {
		return this.kv;
	}

	/**
	 * KV store properties.
	 */
	public static class Kv {

		/**
		 * Maximum number of keys in one KV namespace; a run whose changes would pass it
		 * gets 507 and changes nothing.
		 */
		private int maxEntries = 10_000;

		/**
		 * Maximum total size of the keys and values of one KV namespace, in UTF-8 bytes;
		 * a run whose changes would pass it gets 507 and changes nothing.
		 */
		private DataSize maxBytes = DataSize.ofMegabytes(1);

		public int getMaxEntries() {
			return this.maxEntries;
		}

		public void setMaxEntries(int maxEntries) {
			this.maxEntries = maxEntries;
		}

		public DataSize getMaxBytes() {
			return this.maxBytes;
		}

		public void setMaxBytes(DataSize maxBytes) {
			this.maxBytes = maxBytes;
		}

	}

}
