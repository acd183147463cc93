package dev.wasmworkers.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.CompileCache;
import dev.wasmworkers.engine.JavaScriptEngine;
import dev.wasmworkers.engine.JavaScriptSyntaxException;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code .js} files, wws JavaScript workers, on QuickJS with the worker API
 * ({@code worker-api.js}: {@code Request}, {@code Response}, {@code Headers},
 * {@code Cache}, {@code addEventListener}, ...; see docs/javascript.md).
 *
 * <p>
 * The QuickJS engine starts when the first JavaScript worker is loaded, so a server
 * without one never pays for it. Each worker is compiled to bytecode once; a syntax error
 * makes the worker fail to load, with its file, line, column and QuickJS's message.
 */
public final class JavaScriptRuntime implements WorkerRuntime {

	/** The worker API's resource, and its module name in stack traces. */
	static final String WORKER_API = "worker-api.js";

	private static final String WORKER_API_MODULE = "worker-api.mjs";

	private static final Pattern UNRESOLVED_IMPORT = Pattern.compile("could not load module ('[^']*')");

	private static final Logger logger = LoggerFactory.getLogger(JavaScriptRuntime.class);

	private final CompileCache cache;

	private @Nullable JavaScriptEngine engine;

	/**
	 * A runtime whose engine starts from scratch at every start.
	 */
	public JavaScriptRuntime() {
		this(CompileCache.none());
	}

	/**
	 * A runtime whose engine keeps its image in the cache, and starts from it at the next
	 * start.
	 * @param cache where the engine's image is kept
	 */
	public JavaScriptRuntime(CompileCache cache) {
		this.cache = cache;
	}

	@Override
	public Set<String> extensions() {
		return Set.of("js");
	}

	@Override
	public WasmProgram load(WorkerSource source, WorkerConfig config) throws WorkerLoadException, IOException {
		String name = source.relativePath();
		String code = WorkerSourceText.read(source);
		if (!config.folders().isEmpty()) {
			logger.warn("Worker {}: JavaScript workers have no file API, so its [[folders]] are not mounted", name);
		}
		JavaScriptSource.Prepared prepared = JavaScriptSource.prepare(name, code, config.vars());
		prepared.skippedVars()
			.forEach((variable) -> logger
				.warn("Worker {}: variable '{}' is not a JavaScript identifier (or is a reserved word), so it is not"
						+ " defined as a constant", name, variable));
		try {
			return engine(name).compile(name, prepared.code(), prepared.firstLineShift());
		}
		catch (JavaScriptSyntaxException ex) {
			Matcher unresolved = UNRESOLVED_IMPORT.matcher(ex.description());
			if (unresolved.find()) {
				throw new WorkerLoadException(name, "cannot import " + unresolved.group(1)
						+ ": a JavaScript worker is one file, so bundle what it imports (with esbuild, for example)",
						ex);
			}
			String position = (ex.line() > 0) ? name + ":" + ex.line() + ":" + ex.column() : name;
			throw new WorkerLoadException(name, "SyntaxError at " + position + ": " + ex.description(), ex);
		}
	}

	/**
	 * The engine, started on first use.
	 * @param workerName the worker that needs it, for the error
	 * @return the engine
	 * @throws WorkerLoadException when it cannot start
	 */
	synchronized JavaScriptEngine engine(String workerName) throws WorkerLoadException {
		if (this.engine == null) {
			try {
				this.engine = JavaScriptEngine.start(WORKER_API_MODULE, workerApi(), this.cache);
				logger.info("Started the JavaScript engine (QuickJS) in {} ms{}; each run needs {} KiB of memory",
						this.engine.startTime().toMillis(),
						this.engine.startedFromKeptImage() ? " from the image kept in the compile cache" : "",
						this.engine.requiredPages() * 64);
			}
			catch (RuntimeException ex) {
				throw new WorkerLoadException(workerName, "the JavaScript engine cannot start: " + ex.getMessage(), ex);
			}
		}
		return this.engine;
	}

	/**
	 * The worker API's source.
	 * @return the text of {@code worker-api.js}
	 */
	static String workerApi() {
		try (InputStream in = JavaScriptRuntime.class.getResourceAsStream(WORKER_API)) {
			if (in == null) {
				throw new IllegalStateException("Resource " + WORKER_API + " is missing");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
