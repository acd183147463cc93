package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import dev.wasmworkers.engine.wasi.OutputLimitExceededException;
import dev.wasmworkers.engine.wasi.ProcExitException;

/**
 * Turns the way a module's run ended into a {@link RunResult}, for every program kind,
 * including those of the language runtime modules.
 */
public final class RunOutcomes {

	private RunOutcomes() {
	}

	/**
	 * The result of a run that returned normally.
	 * @param stdout what the module wrote to stdout
	 * @param stderr what the module wrote to stderr
	 * @return the result
	 */
	public static RunResult completed(byte[] stdout, byte[] stderr) {
		return new RunResult(RunStatus.COMPLETED, 0, stdout, stderr, "");
	}

	/**
	 * The result of a run that ended with the given exception or error: an exit, an
	 * interruption, a stdout overflow, a stack overflow or a trap.
	 * @param ending what ended the run
	 * @param stdout what the module wrote to stdout
	 * @param stderr what the module wrote to stderr
	 * @return the result
	 */
	public static RunResult ended(Throwable ending, byte[] stdout, byte[] stderr) {
		if (ending instanceof ProcExitException exit) {
			return (exit.exitCode() == 0) ? completed(stdout, stderr) : new RunResult(RunStatus.EXITED_WITH_ERROR,
					exit.exitCode(), stdout, stderr, "proc_exit(" + exit.exitCode() + ")");
		}
		if (ending instanceof OutputLimitExceededException) {
			return new RunResult(RunStatus.STDOUT_LIMIT_EXCEEDED, 0, stdout, stderr, ending.getMessage());
		}
		if (ending instanceof ChicoryInterruptedException) {
			return new RunResult(RunStatus.INTERRUPTED, 0, stdout, stderr, "interrupted");
		}
		if (ending instanceof StackOverflowError) {
			return new RunResult(RunStatus.TRAPPED, 0, stdout, stderr, "trap: call stack exhausted");
		}
		String message = (ending.getMessage() != null) ? ending.getMessage() : ending.getClass().getSimpleName();
		return new RunResult(RunStatus.TRAPPED, 0, stdout, stderr, "trap: " + message);
	}

}
