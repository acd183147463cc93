package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;
import dev.wasmworkers.engine.wasi.RunBindings;
import dev.wasmworkers.engine.wasi.WasiContext;
import dev.wasmworkers.http.OutboundHttp;
import io.roastedroot.quickjs4j.core.JavyPluginModule;
import io.roastedroot.quickjs4j.core.JavyPluginModuleMachine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QuickJS on Chicory: compiles JavaScript workers to QuickJS bytecode once, and runs each
 * request in a fresh instance of the engine.
 *
 * <p>
 * The engine is the Javy QuickJS plugin of quickjs4j ({@code io.roastedroot:quickjs4j}),
 * which ships the plugin's WebAssembly already compiled to JVM bytecode
 * ({@code JavyPluginModule}), so nothing is compiled at start-up. When the engine starts
 * it creates the QuickJS runtime and evaluates the <em>prelude</em> (the worker API, a
 * module of globals) in one instance, and keeps that instance's memory and globals as an
 * image (see {@link EngineImage}); every run is a new instance whose memory starts from
 * that image and copies only what it writes, so no run sees what another did, and none
 * pays for starting QuickJS or evaluating the prelude. Given a {@link CompileCache}, the
 * image is kept there, and a later start (in another JVM) reads it instead of starting
 * QuickJS again; so is each worker's bytecode, read instead of compiled again while the
 * worker's source and the image are the same. Starting raises C2's node limit for the
 * plugin's interpreter loop (see {@link CompilerNodeLimit}).
 *
 * <p>
 * Thread-safe: one engine serves every JavaScript worker.
 */
public final class JavaScriptEngine {

	/**
	 * The module name of every compiled worker: a worker reaches its own exports with
	 * {@code import("function.mjs")}.
	 */
	public static final String MODULE_NAME = QuickJs.MODULE_NAME;

	private static final Pattern LOCATION = Pattern.compile(Pattern.quote(MODULE_NAME) + ":(\\d+)(?::(\\d+))?");

	private static final int COMPILE_OUTPUT_LIMIT = 1 << 20;

	/** The version of {@link EngineImage#toBytes}, part of a kept image's key. */
	private static final int IMAGE_FORMAT = 1;

	/** quickjs4j's resource holding the plugin's module without its code. */
	private static final String PLUGIN_MODULE = "JavyPluginModule.meta";

	/** The version of quickjs4j, as Maven wrote it in its jar. */
	private static final String PLUGIN_VERSION = "/META-INF/maven/io.roastedroot/quickjs4j/pom.properties";

	private static final Logger logger = LoggerFactory.getLogger(JavaScriptEngine.class);

	private final LinkedModule linked;

	private final MemoryPlan memory;

	private final EngineImage image;

	private final Duration startTime;

	private final boolean fromKeptImage;

	/** Where the workers' bytecode is kept, under keys made with the image's key. */
	private final CompileCache cache;

	private final @Nullable String imageKey;

	private JavaScriptEngine(LinkedModule linked, MemoryPlan memory, EngineImage image, Duration startTime,
			boolean fromKeptImage, CompileCache cache, @Nullable String imageKey) {
		this.linked = linked;
		this.memory = memory;
		this.image = image;
		this.startTime = startTime;
		this.fromKeptImage = fromKeptImage;
		this.cache = cache;
		this.imageKey = imageKey;
	}

	/**
	 * Starts the engine without a cache: creates the QuickJS runtime, evaluates the
	 * prelude and takes the image every run starts from.
	 * @param preludeName the module name of the prelude, in stack traces: 1 to 63
	 * printable ASCII characters, not {@value #MODULE_NAME}
	 * @param preludeSource the prelude, an ES module that defines globals
	 * @return the engine
	 * @throws IllegalStateException when the prelude does not compile or evaluate
	 * @see #start(String, String, CompileCache)
	 */
	public static JavaScriptEngine start(String preludeName, String preludeSource) {
		return start(preludeName, preludeSource, CompileCache.none());
	}

	/**
	 * Starts the engine from the image kept in the cache for this plugin and prelude, or,
	 * when there is none, creates the QuickJS runtime, evaluates the prelude, takes the
	 * image every run starts from and keeps it in the cache.
	 * @param preludeName the module name of the prelude, in stack traces: 1 to 63
	 * printable ASCII characters, not {@value #MODULE_NAME}
	 * @param preludeSource the prelude, an ES module that defines globals
	 * @param cache where the image is kept between starts
	 * @return the engine
	 * @throws IllegalStateException when the prelude does not compile or evaluate
	 */
	public static JavaScriptEngine start(String preludeName, String preludeSource, CompileCache cache) {
		if (preludeName.equals(MODULE_NAME)) {
			throw new IllegalArgumentException("The prelude must not be named " + MODULE_NAME);
		}
		long started = System.nanoTime();
		CompilerNodeLimit.raiseFor(JavyPluginModuleMachine.class);
		WasmModule module = JavyPluginModule.load();
		MemoryPlan plan = MemoryPlan.of(module);
		MemoryImage moduleImage = MemoryImage.of(module);
		LinkedModule linked = new LinkedModule(module, RunImports.forJavaScript(), JavyPluginModule::create, null,
				(limits) -> new CopyOnWriteMemory(moduleImage, limits));
		String key = cache.keyOf(imageKey(preludeName, preludeSource));
		EngineImage image = keptImage(cache, key, linked, plan, moduleImage);
		boolean fromKeptImage = image != null;
		if (image == null) {
			image = evaluatePrelude(linked, plan, moduleImage, preludeName, preludeSource);
			cache.keep(CompileCache.Kept.ENGINE_IMAGE, key, image.toBytes(moduleImage));
		}
		return new JavaScriptEngine(linked, plan, image, Duration.ofNanos(System.nanoTime() - started), fromKeptImage,
				cache, key);
	}

	private static EngineImage evaluatePrelude(LinkedModule linked, MemoryPlan plan, MemoryImage moduleImage,
			String preludeName, String preludeSource) {
		byte[] prelude = compilePrelude(linked, plan, moduleImage, preludeName, preludeSource);
		try (Run evaluation = new Run(linked, plan, moduleImage, plan.maximumPages(), new byte[0], Map.of())) {
			QuickJs.initializeRuntime(evaluation.instance);
			try {
				QuickJs.evaluate(evaluation.instance, QuickJs.renameModule(prelude, preludeName));
			}
			catch (ChicoryException ex) {
				throw new IllegalStateException(
						"The JavaScript prelude " + preludeName + " fails: " + evaluation.stderrText().strip(), ex);
			}
			if (evaluation.stdout().length > 0 || evaluation.stderr().length > 0) {
				throw new IllegalStateException(
						"The JavaScript prelude " + preludeName + " wrote output: " + evaluation.stderrText().strip());
			}
			return EngineImage.of(evaluation.instance, moduleImage);
		}
	}

	/**
	 * The image kept under the key, once an instance has started from it, or null when
	 * none is kept or it is not usable (which is logged).
	 */
	private static @Nullable EngineImage keptImage(CompileCache cache, @Nullable String key, LinkedModule linked,
			MemoryPlan plan, MemoryImage moduleImage) {
		byte[] bytes = cache.kept(CompileCache.Kept.ENGINE_IMAGE, key);
		if (bytes == null) {
			return null;
		}
		try {
			EngineImage image = EngineImage.fromBytes(bytes, moduleImage);
			try (Run check = new Run(linked, plan, image.memory(), plan.maximumPages(), new byte[0], Map.of())) {
				if (!image.hasGlobals(check.instance.globalCount())) {
					throw new IOException("its globals are not the module's " + check.instance.globalCount());
				}
				image.restoreGlobals(check.instance);
			}
			return image;
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Cannot start the JavaScript engine from the image kept under {} ({}); starting it instead",
					key, ex.toString());
			return null;
		}
	}

	/**
	 * What the image of a started engine depends on: the format of the image, the
	 * plugin's module (its data and the layout of its memory), quickjs4j's version (when
	 * its jar says it) and the prelude.
	 */
	private static byte[] imageKey(String preludeName, String preludeSource) {
		ByteArrayOutputStream key = new ByteArrayOutputStream();
		key.writeBytes(("QuickJS engine image " + IMAGE_FORMAT + "\n").getBytes(StandardCharsets.UTF_8));
		if (!appendResource(key, PLUGIN_MODULE)) {
			throw new IllegalStateException("quickjs4j has no resource " + PLUGIN_MODULE);
		}
		appendResource(key, PLUGIN_VERSION);
		key.writeBytes(("\n" + preludeName + "\n" + preludeSource).getBytes(StandardCharsets.UTF_8));
		return key.toByteArray();
	}

	/** Appends one of quickjs4j's resources, if it has it. */
	private static boolean appendResource(ByteArrayOutputStream key, String name) {
		try (InputStream resource = JavyPluginModule.class.getResourceAsStream(name)) {
			if (resource == null) {
				return false;
			}
			resource.transferTo(key);
			return true;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte[] compilePrelude(LinkedModule linked, MemoryPlan plan, MemoryImage moduleImage,
			String preludeName, String preludeSource) {
		try (Run compile = new Run(linked, plan, moduleImage, plan.maximumPages(), new byte[0], Map.of())) {
			QuickJs.initializeRuntime(compile.instance);
			try {
				return QuickJs.compile(compile.instance, preludeSource.getBytes(StandardCharsets.UTF_8));
			}
			catch (ChicoryException ex) {
				throw new IllegalStateException(
						"The JavaScript prelude " + preludeName + " does not compile: " + compile.stderrText().strip(),
						ex);
			}
		}
	}

	/**
	 * Compiles one worker to QuickJS bytecode, as an ES module named
	 * {@value #MODULE_NAME}, or reads the bytecode an earlier start kept in the cache for
	 * the same source and engine image.
	 * @param fileName the worker's file name, shown in stack traces instead of
	 * {@value #MODULE_NAME}
	 * @param source the module's source
	 * @param firstLineShift the number of characters the caller put in front of the
	 * worker's own code on the first line, taken off the columns reported on that line
	 * @return the program, run in a fresh engine instance for each request
	 * @throws JavaScriptSyntaxException when the source does not compile
	 */
	public WasmProgram compile(String fileName, String source, int firstLineShift) throws JavaScriptSyntaxException {
		long started = System.nanoTime();
		String key = this.cache.keyOf((this.imageKey + "\n" + source).getBytes(StandardCharsets.UTF_8));
		byte[] bytecode = this.cache.kept(CompileCache.Kept.JAVASCRIPT_BYTECODE, key);
		if (bytecode == null) {
			bytecode = bytecode(fileName, source, firstLineShift);
			this.cache.keep(CompileCache.Kept.JAVASCRIPT_BYTECODE, key, bytecode);
		}
		return new JavaScriptProgram(this, fileName, firstLineShift, bytecode,
				Duration.ofNanos(System.nanoTime() - started));
	}

	private byte[] bytecode(String fileName, String source, int firstLineShift) throws JavaScriptSyntaxException {
		try (Run run = newRun(new byte[0], Map.of(), this.memory.maximumPages(), COMPILE_OUTPUT_LIMIT,
				COMPILE_OUTPUT_LIMIT, OutboundHttp.none())) {
			try {
				return QuickJs.compile(run.instance, source.getBytes(StandardCharsets.UTF_8));
			}
			catch (ChicoryException ex) {
				JavyPanic error = JavyPanic.find(run.stderrText())
					.orElseThrow(() -> new IllegalStateException("QuickJS failed to compile " + fileName + ": "
							+ ex.getMessage() + " " + run.stderrText().strip(), ex));
				// QuickJS counts the columns of syntax errors from 0, and those of stack
				// frames from 1.
				int column = (error.line() == 0) ? 0 : error.column() + 1;
				if (error.line() == 1) {
					column = Math.max(1, column - firstLineShift);
				}
				throw new JavaScriptSyntaxException(error.line(), column, error.message());
			}
		}
	}

	/**
	 * How long {@link #start(String, String)} took.
	 * @return the start time
	 */
	public Duration startTime() {
		return this.startTime;
	}

	/**
	 * Whether the engine started from an image kept in the cache by an earlier start,
	 * without creating the QuickJS runtime or evaluating the prelude.
	 * @return whether it did
	 */
	public boolean startedFromKeptImage() {
		return this.fromKeptImage;
	}

	/**
	 * The memory every run needs before the worker's own code runs: the run fails when
	 * its memory cap is smaller.
	 * @return the number of 64 KiB pages
	 */
	public int requiredPages() {
		return this.image.pages();
	}

	/**
	 * Whether the image fits in a memory capped at {@code maxPages}, so that
	 * {@link #newRun} can start from it.
	 */
	boolean fitsIn(int maxPages) {
		return this.image.pages() <= this.memory.limitsFor(maxPages).maximumPages();
	}

	/**
	 * A fresh instance, with the image's state, for one run.
	 * @throws IllegalArgumentException when the image does not fit in {@code maxPages}
	 * (see {@link #fitsIn(int)})
	 */
	Run newRun(byte[] stdin, Map<String, String> environment, int maxPages, int stdoutLimit, int stderrLimit,
			OutboundHttp outboundHttp) {
		Run run = new Run(this.linked, this.memory, this.image.memory(), maxPages, stdin, environment, stdoutLimit,
				stderrLimit, outboundHttp);
		this.image.restoreGlobals(run.instance);
		return run;
	}

	/**
	 * Rewrites the file positions of a stack trace: {@value #MODULE_NAME} becomes the
	 * worker's file name, and columns on the first line lose the shift.
	 */
	static String describeStack(String stack, String fileName, int firstLineShift) {
		Matcher matcher = LOCATION.matcher(stack);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String line = matcher.group(1);
			String column = matcher.group(2);
			String shown = (column != null && line.equals("1"))
					? String.valueOf(Math.max(1, Integer.parseInt(column) - firstLineShift)) : column;
			matcher.appendReplacement(result,
					Matcher.quoteReplacement(fileName + ":" + line + ((shown != null) ? ":" + shown : "")));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	/**
	 * One instance of the plugin, bound to the context of its run (its WASI context and
	 * host-call state) from its creation until {@link #close()}, which the thread that
	 * created it must call, and which ends its memory: nothing may use the instance
	 * after.
	 */
	static final class Run implements AutoCloseable {

		final JavaScriptHostCalls hostCalls;

		final Instance instance;

		private final RunContext context;

		private final RunBindings<RunContext>.Binding binding;

		Run(LinkedModule linked, MemoryPlan plan, MemoryImage memory, int maxPages, byte[] stdin,
				Map<String, String> environment) {
			this(linked, plan, memory, maxPages, stdin, environment, COMPILE_OUTPUT_LIMIT, COMPILE_OUTPUT_LIMIT,
					OutboundHttp.none());
		}

		/**
		 * Builds the instance, its memory started from {@code memory} and capped at
		 * {@code maxPages} (or the module's initial size, when larger); its {@code fetch}
		 * calls go through {@code outboundHttp}.
		 */
		Run(LinkedModule linked, MemoryPlan plan, MemoryImage memory, int maxPages, byte[] stdin,
				Map<String, String> environment, int stdoutLimit, int stderrLimit, OutboundHttp outboundHttp) {
			this.hostCalls = new JavaScriptHostCalls(outboundHttp);
			WasiContext wasi = WasiContext.builder()
				.stdin(stdin)
				.stdoutLimit(stdoutLimit)
				.stderrLimit(stderrLimit)
				.environment(environment)
				.build();
			this.context = new RunContext(wasi, outboundHttp, this.hostCalls);
			this.instance = linked.instantiate((limits) -> new CopyOnWriteMemory(memory, limits),
					plan.limitsFor(maxPages));
			this.binding = RunImports.bind(this.instance, this.context);
		}

		/** What the run wrote on stdout, up to its limit. */
		byte[] stdout() {
			return this.context.wasi().stdout();
		}

		/** What the run wrote on stderr, up to its limit. */
		byte[] stderr() {
			return this.context.wasi().stderr();
		}

		String stderrText() {
			return new String(stderr(), StandardCharsets.UTF_8);
		}

		@Override
		public void close() {
			this.binding.close();
			this.context.wasi().close();
			CopyOnWriteMemory.releaseMemoryOf(this.instance);
		}

	}

}
