package dev.wasmworkers.runtime;

import java.util.Set;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;

/**
 * Stands for an optional runtime module that the application does not have: its files are
 * still found, so that each is reported at start-up with the dependency to add, and its
 * route answers the error page instead of 404.
 *
 * @param language the language's name, such as {@code Python}
 * @param extension the extension of its files, without the dot
 * @param dependency the Maven coordinates of the module, {@code groupId:artifactId}
 */
record MissingRuntime(String language, String extension, String dependency) implements WorkerRuntime {

	/** Python workers, served by the {@code wasm-workers-runtime-python} module. */
	static final MissingRuntime PYTHON = new MissingRuntime("Python", "py",
			"dev.wasmworkers:wasm-workers-runtime-python");

	@Override
	public Set<String> extensions() {
		return Set.of(this.extension);
	}

	@Override
	public WasmProgram load(WorkerSource source, WorkerConfig config) throws WorkerLoadException {
		throw new WorkerLoadException(source.relativePath(), this.language + " workers need the " + this.language
				+ " runtime module: add the dependency " + this.dependency + " to the application");
	}

}
