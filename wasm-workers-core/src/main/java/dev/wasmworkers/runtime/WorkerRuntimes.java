package dev.wasmworkers.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

import dev.wasmworkers.engine.WasmEngine;

/**
 * The language runtimes of a server, by file extension.
 */
public final class WorkerRuntimes {

	private final Map<String, WorkerRuntime> byExtension = new LinkedHashMap<>();

	/**
	 * Creates the set.
	 * @param runtimes the runtimes
	 * @throws IllegalArgumentException when two runtimes claim the same extension, or
	 * there is none
	 */
	public WorkerRuntimes(List<? extends WorkerRuntime> runtimes) {
		for (WorkerRuntime runtime : runtimes) {
			for (String extension : runtime.extensions()) {
				WorkerRuntime previous = this.byExtension.putIfAbsent(extension, runtime);
				if (previous != null) {
					throw new IllegalArgumentException("Two runtimes run ." + extension + " files: "
							+ previous.getClass().getName() + " and " + runtime.getClass().getName());
				}
			}
		}
		if (this.byExtension.isEmpty()) {
			throw new IllegalArgumentException("At least one worker runtime is required");
		}
	}

	/**
	 * The runtimes of wws, and those of the optional modules on the class path.
	 * @param engine compiles the {@code .wasm} modules
	 * @return the runtimes
	 * @see #defaults(WasmEngine, List)
	 */
	public static WorkerRuntimes defaults(WasmEngine engine) {
		return defaults(engine, List.of());
	}

	/**
	 * The runtimes of wws ({@code .wasm} modules and {@code .js} JavaScript workers),
	 * then the given ones, then the runtimes of the optional modules on the class path
	 * (found with a {@link ServiceLoader} of {@link WorkerRuntime}, such as the Python
	 * runtime of {@code wasm-workers-runtime-python}) for the extensions no runtime
	 * before them runs. When no runtime runs {@code .py} files, they are still workers,
	 * which fail to load naming the dependency to add.
	 * @param engine compiles the {@code .wasm} modules
	 * @param extra more runtimes, such as an application's own
	 * @return the runtimes
	 * @throws IllegalArgumentException when two of the given runtimes, or one of them and
	 * a runtime of wws, claim the same extension
	 */
	public static WorkerRuntimes defaults(WasmEngine engine, List<? extends WorkerRuntime> extra) {
		List<WorkerRuntime> runtimes = new ArrayList<>(
				List.of(new NativeRuntime(engine), new JavaScriptRuntime(engine.compileCache())));
		runtimes.addAll(extra);
		for (WorkerRuntime found : ServiceLoader.load(WorkerRuntime.class, WorkerRuntimes.class.getClassLoader())) {
			if (found.extensions().stream().noneMatch((extension) -> claimed(runtimes, extension))) {
				runtimes.add(found);
			}
		}
		if (!claimed(runtimes, MissingRuntime.PYTHON.extension())) {
			runtimes.add(MissingRuntime.PYTHON);
		}
		return new WorkerRuntimes(runtimes);
	}

	private static boolean claimed(List<WorkerRuntime> runtimes, String extension) {
		return runtimes.stream().anyMatch((runtime) -> runtime.extensions().contains(extension));
	}

	/**
	 * The extensions of the files some runtime runs, without the dot.
	 * @return the extensions
	 */
	public Set<String> extensions() {
		return Set.copyOf(this.byExtension.keySet());
	}

	/**
	 * The runtime of the files with an extension.
	 * @param extension the extension, without the dot
	 * @return the runtime, or empty when none runs such files
	 */
	public Optional<WorkerRuntime> forExtension(String extension) {
		return Optional.ofNullable(this.byExtension.get(extension));
	}

}
