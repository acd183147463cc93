package dev.wasmworkers.autoconfigure;

import dev.wasmworkers.worker.WorkersFolderException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up failure caused by a {@code wasm.workers.path} that is empty,
 * missing, a file, or unreadable.
 */
class WorkersFolderFailureAnalyzer extends AbstractFailureAnalyzer<WorkersFolderException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WorkersFolderException cause) {
		return new FailureAnalysis(cause.getMessage() + " (from wasm.workers.path).",
				"Set wasm.workers.path to an existing, readable folder of workers, for example "
						+ "--wasm.workers.path=./workers, or to classpath:workers for workers packaged in "
						+ "src/main/resources/workers",
				cause);
	}

}
