package dev.wasmworkers.engine.python;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSection;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasmworkers.engine.CompilerNodeLimit;
import dev.wasmworkers.engine.LinkedModule;
import dev.wasmworkers.engine.MountedFolder;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;
import dev.wasmworkers.engine.wasi.Preopen;
import dev.wasmworkers.engine.wasi.RunBindings;
import dev.wasmworkers.engine.wasi.WasiContext;
import io.trino.wasm.python.PythonMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CPython 3.13 for WASI ({@code io.trino:trino-wasm-python}, pre-initialised with Wizer,
 * its standard library embedded, its code already compiled to JVM classes) on Chicory:
 * loads Python workers and runs each request in a fresh instance.
 *
 * <p>
 * The runtime's module is parsed once; its memory as Wizer left it is the <em>runtime
 * image</em>. Loading a worker starts an instance from that image, imports the shim
 * {@code guest.py} (which runs the worker's file once) and keeps the instance's memory as
 * the worker's <em>snapshot</em>, sharing every page equal to the runtime image's. Each
 * request starts a new instance from the snapshot whose memory copies a page only when it
 * first writes it.
 *
 * <p>
 * Thread-safe: one engine serves every Python worker.
 */
public final class PythonEngine {

	/** How long a worker's file may run when it is loaded. */
	public static final Duration LOAD_TIMEOUT = Duration.ofSeconds(60);

	private static final String MODULE_RESOURCE = "/io/trino/wasm/python/Python.meta";

	private static final int LOAD_OUTPUT_LIMIT = 1 << 20;

	private static final JsonMapper json = JsonMapper.builder().build();

	private final LinkedModule linked;

	private final MemoryImage runtimeImage;

	private final MemoryLimits declaredLimits;

	private final Duration startTime;

	private PythonEngine(WasmModule module, MemoryImage runtimeImage, MemoryLimits declaredLimits, Duration startTime) {
		this.linked = new LinkedModule(module, PythonImports.imports(), PythonMachine::new, null,
				(limits) -> new CopyOnWriteMemory(runtimeImage, limits));
		this.runtimeImage = runtimeImage;
		this.declaredLimits = declaredLimits;
		this.startTime = startTime;
	}

	/**
	 * Parses the runtime's module and takes its image, and lets the JIT compile CPython's
	 * huge functions (see {@link CompilerNodeLimit}).
	 * @return the engine
	 * @throws IllegalStateException when the runtime's module is not on the class path
	 */
	public static PythonEngine start() {
		long started = System.nanoTime();
		CompilerNodeLimit.raiseFor(PythonMachine.class);
		WasmModule parsed = parse();
		MemoryImage image = MemoryImage.of(parsed);
		MemoryLimits limits = parsed.memorySection().orElseThrow().getMemory(0).limits();
		return new PythonEngine(withoutData(parsed), image, limits, Duration.ofNanos(System.nanoTime() - started));
	}

	/**
	 * Loads one worker: runs its file once in a fresh instance and takes the worker's
	 * snapshot.
	 * @param fileName the worker's file, as shown in tracebacks and errors
	 * @param source the worker's code
	 * @param vars the worker's variables, its whole {@code os.environ}
	 * @param mounts the worker's mounted folders, each seen under
	 * {@value GuestFolder#ROOT}
	 * @return the program that answers each request
	 * @throws WorkerLoadException when the file does not compile, raises an exception,
	 * defines no {@code worker} function, runs longer than {@link #LOAD_TIMEOUT}, or a
	 * mount cannot be placed
	 */
	public WasmProgram load(String fileName, String source, Map<String, String> vars, List<MountedFolder> mounts)
			throws WorkerLoadException {
		long started = System.nanoTime();
		Preopen guestFolder;
		try {
			guestFolder = GuestFolder.create(mounts);
		}
		catch (IOException ex) {
			throw new WorkerLoadException(fileName, "cannot create the Python guest folder: " + ex, ex);
		}
		catch (IllegalArgumentException ex) {
			throw new WorkerLoadException(fileName, ex.getMessage(), ex);
		}
		Map<String, Object> setup = new LinkedHashMap<>();
		setup.put("file", fileName);
		setup.put("source", source);
		setup.put("vars", vars);
		WasiContext wasi = PythonImports.context(json.writeValueAsBytes(setup), LOAD_OUTPUT_LIMIT, LOAD_OUTPUT_LIMIT,
				guestFolder, RunRequest.DEFAULT_MAX_OPEN_FILES, RunRequest.DEFAULT_MAX_DISK_WRITE);
		GuestError error = new GuestError();
		try {
			Instance instance = instantiate(this.runtimeImage, this.declaredLimits.maximumPages());
			int serveArguments;
			try (RunBindings<PythonRun>.Binding bound = PythonImports.bind(instance, new PythonRun(wasi, error))) {
				serveArguments = withinLoadTimeout(fileName, () -> GuestAbi.setup(instance));
			}
			logLoadOutput(fileName, wasi.stderr());
			String failure = loadFailure(wasi.stdout(), error);
			if (failure != null) {
				throw new WorkerLoadException(fileName, failure);
			}
			MemoryImage snapshot = MemoryImage.of(instance.memory(), this.runtimeImage);
			long[] globals = new long[instance.globalCount()];
			for (int i = 0; i < globals.length; i++) {
				globals[i] = instance.global(i).getValue();
			}
			return new PythonProgram(this, guestFolder, snapshot, globals, serveArguments,
					Duration.ofNanos(System.nanoTime() - started));
		}
		catch (RuntimeException | StackOverflowError ex) {
			logLoadOutput(fileName, wasi.stderr());
			throw new WorkerLoadException(fileName, "the Python runtime failed while loading the worker: " + ex, ex);
		}
		finally {
			wasi.close();
		}
	}

	/**
	 * How long {@link #start()} took.
	 * @return the start time
	 */
	public Duration startTime() {
		return this.startTime;
	}

	/**
	 * The memory every run needs before the worker's own code runs.
	 * @return the number of 64 KiB pages of the runtime image
	 */
	public int requiredPages() {
		return this.runtimeImage.pages();
	}

	/**
	 * A fresh instance whose memory starts as the image.
	 * @param image the runtime image or a worker's snapshot
	 * @param maxPages the cap on the memory, at most the runtime's declared maximum
	 * @return the instance, to bind to its run with
	 * {@link PythonImports#bind(Instance, PythonRun)} before it runs
	 */
	Instance instantiate(MemoryImage image, int maxPages) {
		int maximum = Math.min(this.declaredLimits.maximumPages(), maxPages);
		return this.linked.instantiate((limits) -> new CopyOnWriteMemory(image, limits),
				new MemoryLimits(this.declaredLimits.initialPages(), maximum));
	}

	/** The bytes a snapshot shares with the runtime image. */
	long sharedBytes(MemoryImage snapshot) {
		return snapshot.bytesSharedWith(this.runtimeImage);
	}

	private static <T> T withinLoadTimeout(String fileName, Callable<T> task) throws WorkerLoadException {
		FutureTask<T> future = new FutureTask<>(task);
		Thread thread = new Thread(future, "python-load-" + fileName);
		thread.setDaemon(true);
		thread.start();
		try {
			return future.get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			thread.interrupt();
			throw new WorkerLoadException(fileName,
					"its file ran longer than " + LOAD_TIMEOUT.toSeconds() + " s when it was loaded", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof StackOverflowError overflow) {
				throw overflow;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException | CancellationException ex) {
			thread.interrupt();
			Thread.currentThread().interrupt();
			throw new WorkerLoadException(fileName, "loading was interrupted", ex);
		}
	}

	private static @Nullable String loadFailure(byte[] stdout, GuestError error) {
		if (stdout.length > 0) {
			JsonNode report = json.readTree(stdout);
			return report.path("error").asString("the shim reported an unreadable error");
		}
		if (error.message() != null) {
			return "the Python runtime failed to start the worker: " + error.message();
		}
		return null;
	}

	private static void logLoadOutput(String fileName, byte[] stderr) {
		if (stderr.length > 0) {
			Logger logger = LoggerFactory.getLogger("wasm.worker." + fileName);
			new String(stderr, StandardCharsets.UTF_8).lines().forEach(logger::info);
		}
	}

	private static WasmModule parse() {
		try (InputStream in = PythonMachine.class.getResourceAsStream(MODULE_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("The Python runtime's module " + MODULE_RESOURCE
						+ " is not on the class path: add the dependency io.trino:trino-wasm-python");
			}
			return Parser.parse(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The module without the bytes of its data segments, which the runtime image holds: a
	 * copy-on-write memory starts from the image and never reads them, so the 30 MB need
	 * not be kept twice.
	 */
	private static WasmModule withoutData(WasmModule module) {
		DataSection.Builder data = DataSection.builder();
		for (DataSegment segment : module.dataSection().dataSegments()) {
			if (segment instanceof ActiveDataSegment active) {
				data.addDataSegment(new ActiveDataSegment(active.index(), active.offsetInstructions(), new byte[0]));
			}
			else {
				data.addDataSegment(segment);
			}
		}
		WasmModule.Builder builder = WasmModule.builder()
			.setTypeSection(module.typeSection())
			.setImportSection(module.importSection())
			.setFunctionSection(module.functionSection())
			.setTableSection(module.tableSection())
			.setGlobalSection(module.globalSection())
			.setExportSection(module.exportSection())
			.setElementSection(module.elementSection())
			.setCodeSection(module.codeSection())
			.setDataSection(data.build())
			.withValidation(false);
		module.memorySection().ifPresent(builder::setMemorySection);
		module.startSection().ifPresent(builder::setStartSection);
		module.dataCountSection().ifPresent(builder::setDataCountSection);
		module.tagSection().ifPresent(builder::setTagSection);
		return builder.build();
	}

}
