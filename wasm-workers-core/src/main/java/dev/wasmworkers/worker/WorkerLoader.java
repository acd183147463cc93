package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.wasmworkers.config.FolderMount;
import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.config.WorkerConfigException;
import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.MountedFolder;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.http.OutboundHttp;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.kv.OnConflict;
import dev.wasmworkers.runtime.WorkerRuntime;
import dev.wasmworkers.runtime.WorkerRuntimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and compiles one worker file with the runtime of its extension, turning every
 * failure into a failed worker instead of an exception.
 */
public final class WorkerLoader {

	private static final Logger logger = LoggerFactory.getLogger(WorkerLoader.class);

	private final WorkerRuntimes runtimes;

	private final WorkerConfigReader configReader;

	private final OutboundHttpClient httpClient;

	private final LoadLimits limits;

	private final CompileGuard compileGuard;

	private final KvConflictSettings kvConflicts;

	/**
	 * Creates a loader for {@code .wasm} and {@code .js} workers whose outbound requests
	 * use the default settings, with the default load limits.
	 * @param engine the engine that compiles modules
	 * @param configReader reads the TOML file beside each worker
	 */
	public WorkerLoader(WasmEngine engine, WorkerConfigReader configReader) {
		this(WorkerRuntimes.defaults(engine), configReader, new OutboundHttpClient(OutboundHttpSettings.defaults()));
	}

	/**
	 * Creates a loader with the default load limits.
	 * @param runtimes the runtimes of the workers, by file extension
	 * @param configReader reads the TOML file beside each worker
	 * @param httpClient sends the workers' outbound requests, each worker under the
	 * allow-list of its TOML file
	 */
	public WorkerLoader(WorkerRuntimes runtimes, WorkerConfigReader configReader, OutboundHttpClient httpClient) {
		this(runtimes, configReader, httpClient, LoadLimits.DEFAULTS, KvConflictSettings.DEFAULTS);
	}

	/**
	 * Creates a loader that refuses {@code on_conflict = "retry"} to the workers that may
	 * send outbound requests.
	 * @param runtimes the runtimes of the workers, by file extension
	 * @param configReader reads the TOML file beside each worker
	 * @param httpClient sends the workers' outbound requests, each worker under the
	 * allow-list of its TOML file
	 * @param limits the time, file size and memory limits of each worker
	 * @param kvConflicts the default {@code on_conflict} of the workers' KV namespaces
	 */
	public WorkerLoader(WorkerRuntimes runtimes, WorkerConfigReader configReader, OutboundHttpClient httpClient,
			LoadLimits limits, KvConflictSettings kvConflicts) {
		this.runtimes = runtimes;
		this.configReader = configReader;
		this.httpClient = httpClient;
		this.limits = limits;
		this.compileGuard = new CompileGuard(limits.compileTimeout());
		this.kvConflicts = kvConflicts;
	}

	/**
	 * Loads one worker: reads its configuration, prepares its mounts and compiles its
	 * file once with the runtime of its extension, on a thread of its own within the
	 * compile timeout. Whatever the compilation throws, an {@link Error} included, fails
	 * this worker only; so does a file larger than the largest module size, and a module
	 * whose initial memory is larger than its memory cap.
	 * @param source the worker file
	 * @return a served worker, or a failed one with the reason (also logged with the
	 * file)
	 */
	public Worker load(WorkerSource source) {
		return logged(attempt(source));
	}

	/**
	 * Loads a new version of a worker's files as {@link #load(WorkerSource)} does; when
	 * it fails and the previous version is served, that version goes on serving, with the
	 * reason the new one failed (also logged with the file).
	 * @param source the worker file
	 * @param previous the worker loaded from the previous version of its files
	 * @return the new version, the previous one with the reason the new one failed, or a
	 * failed worker when neither can be served
	 */
	public Worker reload(WorkerSource source, Worker previous) {
		Worker worker = attempt(source);
		Optional<String> failure = worker.failure();
		if (failure.isEmpty() || previous.program().isEmpty()) {
			return logged(worker);
		}
		logger.error(
				"Worker {} ({}) changed, but its new version cannot be served; its route {} still serves the"
						+ " previous version: {}",
				source.relativePath(), source.file(), source.route().path(), failure.get());
		return previous.withNewVersionFailure(failure.get());
	}

	private Worker attempt(WorkerSource source) {
		WorkerConfig config;
		try {
			config = this.configReader.read(source.file());
		}
		catch (WorkerConfigException ex) {
			return Worker.failed(source, WorkerConfig.empty(), "invalid configuration: " + ex.getMessage());
		}
		Optional<WorkerRuntime> runtime = this.runtimes.forExtension(source.extension());
		if (runtime.isEmpty()) {
			return Worker.failed(source, config, "no runtime runs ." + source.extension() + " files");
		}
		try {
			List<MountedFolder> mounts = config.folders().stream().map(WorkerLoader::mount).toList();
			long size = Files.size(source.file());
			if (size > this.limits.maxModuleSize()) {
				return Worker.failed(source, config,
						"the file is " + size + " bytes, more than the largest module size of "
								+ this.limits.maxModuleSize() + " bytes (wasm.workers.max-module-size)");
			}
			WasmProgram program = this.compileGuard.compile(source.relativePath(),
					() -> runtime.get().load(source, config));
			logger.debug("Compiled worker {} in {} ms", source.relativePath(), program.compileTime().toMillis());
			int memoryCap = memoryCap(config);
			if (program.requiredMemoryPages() > memoryCap) {
				return Worker.failed(source, config, "its initial memory of " + program.requiredMemoryPages()
						+ " pages (64 KiB each) is more than its memory cap of " + memoryCap
						+ " pages (wasm.workers.max-memory, or max_memory in its [limits]), so it could never run");
			}
			long heap = Runtime.getRuntime().maxMemory();
			if ((long) program.requiredMemoryPages() * RunLimits.PAGE_SIZE > heap) {
				return Worker.failed(source, config,
						"its initial memory of " + program.requiredMemoryPages()
								+ " pages (64 KiB each) is more than the JVM's whole heap of "
								+ heap / RunLimits.PAGE_SIZE + " pages (-Xmx), so it could never run");
			}
			Optional<String> retryRefusal = retryRefusal(config, program);
			if (retryRefusal.isPresent()) {
				return Worker.failed(source, config, retryRefusal.get());
			}
			return Worker.served(source, config, program, mounts, outboundHttp(source, config, program));
		}
		catch (IllegalArgumentException ex) {
			return Worker.failed(source, config, "cannot mount a folder: " + ex.getMessage());
		}
		catch (IOException ex) {
			return Worker.failed(source, config, "cannot read the file: " + ex.getMessage());
		}
		catch (WorkerLoadException ex) {
			return Worker.failed(source, config, ex.getMessage());
		}
	}

	private int memoryCap(WorkerConfig config) {
		OptionalLong own = config.limits().maxMemory();
		return own.isPresent() ? RunLimits.pages(own.getAsLong()) : this.limits.maxMemoryPages();
	}

	private OutboundHttp outboundHttp(WorkerSource source, WorkerConfig config, WasmProgram program) {
		if (program.sendsHttpRequests() && config.httpRequests().allowedHosts().isEmpty()) {
			logger.info(
					"Worker {} imports http.send-http-request, but its configuration allows no host: "
							+ "its requests will be refused until [features.http_requests] allowed_hosts lists them",
					source.relativePath());
		}
		return this.httpClient.forWorker(source.relativePath(), config.httpRequests().allowList());
	}

	/**
	 * Why the worker cannot re-run on a KV conflict, when its policy is to retry and it
	 * may send outbound requests, which a second run would send again: when it imports
	 * the host function, or when its TOML file allows hosts (a JavaScript worker can
	 * always call {@code fetch}).
	 */
	private Optional<String> retryRefusal(WorkerConfig config, WasmProgram program) {
		if (config.kvNamespace().isEmpty() || this.kvConflicts.of(config) != OnConflict.RETRY) {
			return Optional.empty();
		}
		String sender;
		if (program.sendsHttpRequests()) {
			sender = "it imports http.send-http-request";
		}
		else if (!config.httpRequests().allowedHosts().isEmpty()) {
			sender = "[features.http_requests] allows hosts";
		}
		else {
			return Optional.empty();
		}
		String reason = " cannot apply to a worker that may send outbound HTTP requests (" + sender
				+ "): each run after a KV conflict would send them again; ";
		if (config.kvOnConflict().isPresent()) {
			return Optional.of("[data.kv] on_conflict = \"retry\"" + reason
					+ "remove on_conflict or set it to \"last-writer-wins\"");
		}
		return Optional.of("wasm.workers.kv.on-conflict=retry" + reason
				+ "set on_conflict = \"last-writer-wins\" in its [data.kv] table");
	}

	private static MountedFolder mount(FolderMount folder) {
		return MountedFolder.of(folder.from(), folder.to());
	}

	private static Worker logged(Worker worker) {
		worker.failure()
			.ifPresent((reason) -> logger.error("Worker {} ({}) cannot be served; its route {} answers 500: {}",
					worker.name(), worker.source().file(), worker.route().path(), reason));
		return worker;
	}

}
