package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.wasmworkers.kv.OnConflict;
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
	 * Location of the folder of wws workers to serve, every .wasm or .js file in it being
	 * a route: a folder on disk (./workers, /srv/workers, file:/srv/workers) or a
	 * classpath location (classpath:workers), which is copied out of the application jar
	 * at start-up when it is packaged in one.
	 */
	private @Nullable String path;

	/**
	 * Path prefix for every worker route and for the files of the public folder.
	 */
	private String prefix = "";

	/**
	 * Glob patterns of files that are not workers, as wws's --ignore: wax syntax, matched
	 * against the path relative to the folder, such as "node_modules/**" or
	 * "tests/*.wasm".
	 */
	private List<String> ignore = new ArrayList<>();

	/**
	 * Whether Tomcat and Jetty accept, as wws does, request targets that they refuse by
	 * default: an encoded slash (%2F), and for Jetty an encoded percent (%25) and an
	 * empty segment (//). The workers' routing decodes and normalises them itself;
	 * Reactor Netty accepts them anyway.
	 */
	private boolean relaxedRequestTargets = true;

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
	 * Maximum number of worker runs waiting for a free thread in the shared queue, and
	 * maximum number of runs of one worker waiting in its own queue for one of its
	 * max-concurrency-per-worker slots; past either, requests get 503 with Retry-After.
	 */
	private int queueCapacity = 256;

	/**
	 * Deadline of one worker run, counted from when the request is handed to the worker,
	 * so that time spent waiting for a free slot counts: a request still waiting then
	 * gets 503, a run still going gets 504.
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
	 * Maximum time to read and compile one worker, at start-up or on a reload; past it
	 * that worker fails to load (its route answers 500) and the others are served.
	 */
	private Duration compileTimeout = Duration.ofSeconds(60);

	/**
	 * Maximum size of one worker file; a larger one fails to load without being read.
	 */
	private DataSize maxModuleSize = DataSize.ofMegabytes(64);

	/**
	 * Whether to watch the workers folder while the server runs and reload the workers
	 * whose files (worker, TOML, public/) are added, changed or removed, without a
	 * restart. Workers packaged in the application archive are never watched. On by
	 * default when Spring Boot DevTools is active.
	 */
	private boolean watch;

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

	private final Cors cors = new Cors();

	private final CompileCache compileCache = new CompileCache();

	public @Nullable String getPath() {
		return this.path;
	}

	public void setPath(@Nullable String path) {
		this.path = path;
	}

	public String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(String prefix) {
		this.prefix = prefix;
	}

	public List<String> getIgnore() {
		return this.ignore;
	}

	public void setIgnore(List<String> ignore) {
		this.ignore = ignore;
	}

	public boolean isRelaxedRequestTargets() {
		return this.relaxedRequestTargets;
	}

	public void setRelaxedRequestTargets(boolean relaxedRequestTargets) {
		this.relaxedRequestTargets = relaxedRequestTargets;
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

	public Duration getCompileTimeout() {
		return this.compileTimeout;
	}

	public void setCompileTimeout(Duration compileTimeout) {
		this.compileTimeout = compileTimeout;
	}

	public DataSize getMaxModuleSize() {
		return this.maxModuleSize;
	}

	public void setMaxModuleSize(DataSize maxModuleSize) {
		this.maxModuleSize = maxModuleSize;
	}

	public boolean isWatch() {
		return this.watch;
	}

	public void setWatch(boolean watch) {
		this.watch = watch;
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

	public Cors getCors() {
		return this.cors;
	}

	public CompileCache getCompileCache() {
		return this.compileCache;
	}

	/**
	 * KV store properties.
	 */
	public static class Kv {

		/**
		 * Where the workers' KV namespaces are kept: memory (in this instance, lost on
		 * restart) or redis (in Redis, through the application's Spring Data Redis
		 * connection, shared by every instance).
		 */
		private Store store = Store.MEMORY;

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

		/**
		 * What a worker does when another request changed its KV namespace while it ran,
		 * unless its TOML file sets on_conflict: last-writer-wins (its changes are
		 * applied key by key over the current namespace) or retry (it runs again on a
		 * fresh snapshot).
		 */
		private OnConflict onConflict = OnConflict.LAST_WRITER_WINS;

		/**
		 * Maximum number of times a worker with on_conflict retry runs again for one
		 * request; when the namespace changed during each run, the request gets 409 and
		 * changes nothing.
		 */
		private int maxRetries = 10;

		private final Redis redis = new Redis();

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

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

		public OnConflict getOnConflict() {
			return this.onConflict;
		}

		public void setOnConflict(OnConflict onConflict) {
			this.onConflict = onConflict;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Redis getRedis() {
			return this.redis;
		}

		/**
		 * Where KV namespaces are kept.
		 */
		public enum Store {

			/**
			 * In this instance's memory, lost on restart.
			 */
			MEMORY,

			/**
			 * In Redis, shared by every instance of the application.
			 */
			REDIS

		}

		/**
		 * Redis KV store properties.
		 */
		public static class Redis {

			/**
			 * Prefix of every Redis key of the KV store, so that several applications can
			 * share one Redis; must not contain braces.
			 */
			private String keyPrefix = "wasm-workers:";

			/**
			 * Maximum time one KV call waits for Redis; past it the request gets 503 and
			 * the store counts Redis as down until a call succeeds again.
			 */
			private Duration timeout = Duration.ofSeconds(2);

			public String getKeyPrefix() {
				return this.keyPrefix;
			}

			public void setKeyPrefix(String keyPrefix) {
				this.keyPrefix = keyPrefix;
			}

			public Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(Duration timeout) {
				this.timeout = timeout;
			}

		}

	}

	/**
	 * Compile cache properties: the JVM classes compiled from .wasm workers, kept between
	 * starts.
	 */
	public static class CompileCache {

		/**
		 * Whether to keep the JVM classes compiled from .wasm workers, the started
		 * JavaScript engine's image and the JavaScript workers' bytecode between starts,
		 * so that a module that has not changed is loaded instead of compiled again and
		 * the engine neither starts QuickJS nor compiles an unchanged worker again.
		 */
		private boolean enabled = true;

		/**
		 * Folder of the compile cache, writable by the server's user only since the
		 * server loads the classes in it, instead of .wws/compiled in a workers folder on
		 * disk, or wasm-workers/compiled in the user's cache folder ($XDG_CACHE_HOME, or
		 * else ~/.cache) for workers named by a classpath: location.
		 */
		private @Nullable Path path;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getPath() {
			return this.path;
		}

		public void setPath(@Nullable Path path) {
			this.path = path;
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
	 * CORS properties.
	 */
	public static class Cors {

		/**
		 * Origins sent, joined by commas, in Access-Control-Allow-Origin on the answers
		 * of worker routes that do not set that header themselves, as wws's --cors; "*"
		 * allows any origin. Preflight requests still reach the worker.
		 */
		private List<String> allowedOrigins = new ArrayList<>();

		public List<String> getAllowedOrigins() {
			return this.allowedOrigins;
		}

		public void setAllowedOrigins(List<String> allowedOrigins) {
			this.allowedOrigins = allowedOrigins;
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
