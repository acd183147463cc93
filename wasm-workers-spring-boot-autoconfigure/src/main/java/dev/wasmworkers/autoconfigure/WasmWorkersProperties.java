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

	/**
	 * Maximum number of files and directories one worker run may have open at once,
	 * besides stdin, stdout, stderr and its mounted folders; past it opening fails with
	 * EMFILE and the run goes on.
	 */
	private int maxOpenFiles = 64;

	/**
	 * Maximum number of bytes one worker run may write to files in its mounted folders
	 * (contents, growth and the names of new entries); past it writes fail with EDQUOT
	 * and the run goes on.
	 */
	private DataSize maxDiskWrite = DataSize.ofMegabytes(64);

	private final Kv kv = new Kv();

	private final Health health = new Health();

	private final ManagementApi managementApi = new ManagementApi();

	private final Http http = new Http();

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

	public int getMaxOpenFiles() {
		return this.maxOpenFiles;
	}

	public void setMaxOpenFiles(int maxOpenFiles) {
		this.maxOpenFiles = maxOpenFiles;
	}

	public DataSize getMaxDiskWrite() {
		return this.maxDiskWrite;
	}

	public void setMaxDiskWrite(DataSize maxDiskWrite) {
		this.maxDiskWrite = maxDiskWrite;
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

	public Health getHealth() {
		return this.health;
	}

	public ManagementApi getManagementApi() {
		return this.managementApi;

	}

	public Http getHttp() {
		return this.http;
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

	/**
	 * Health indicator properties.
	 */
	public static class Health {

		/**
		 * Whether a worker that cannot be served makes the wasmWorkers health indicator
		 * DOWN, instead of UP with the failed workers in its details.
		 */
		private boolean failOnWorkerError;

		public boolean isFailOnWorkerError() {
			return this.failOnWorkerError;
		}

		public void setFailOnWorkerError(boolean failOnWorkerError) {
			this.failOnWorkerError = failOnWorkerError;
		}

	}

	/**
	 * wws management API properties.
	 */
	public static class ManagementApi {

		/**
		 * Whether to serve the read-only wws management API (GET /_api/v0/workers and
		 * /_api/v0/workers/{id}) ahead of the worker routes.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Outbound HTTP properties: the requests workers send through the
	 * http.send-http-request host function.
	 */
	public static class Http {

		/**
		 * Maximum time to open the connection of a worker's outbound request; past it the
		 * worker gets a timeout error.
		 */
		private Duration connectTimeout = Duration.ofSeconds(5);

		/**
		 * Maximum time to wait for the whole response to a worker's outbound request
		 * (status, headers and body), per redirect followed; past it the worker gets a
		 * timeout error. The run's own deadline applies as well.
		 */
		private Duration readTimeout = Duration.ofSeconds(10);

		/**
		 * Maximum size of the body of a response to a worker's outbound request; a larger
		 * one gives the worker an invalid-response-body error.
		 */
		private DataSize maxResponseBody = DataSize.ofMegabytes(8);

		public Duration getConnectTimeout() {
			return this.connectTimeout;
		}

		public void setConnectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		public DataSize getMaxResponseBody() {
			return this.maxResponseBody;
		}

		public void setMaxResponseBody(DataSize maxResponseBody) {
			this.maxResponseBody = maxResponseBody;
		}

	}

}
