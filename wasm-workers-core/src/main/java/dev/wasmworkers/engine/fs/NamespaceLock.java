package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The lock, one for the whole JVM, that keeps each check of a confined path together with
 * its use: calls that change which names exist wait for calls that check and use names.
 *
 * <p>
 * It orders only the confined file systems of this JVM, not other processes.
 */
final class NamespaceLock {

	private static final ReadWriteLock LOCK = new ReentrantReadWriteLock();

	private NamespaceLock() {
	}

	/** Runs a call that checks a path and uses it, alongside other such calls. */
	static <T> T reading(HostCall<T> call) throws IOException {
		return under(LOCK.readLock(), call);
	}

	/** Runs an action that checks a path and uses it, alongside other such calls. */
	static void reading(HostAction action) throws IOException {
		under(LOCK.readLock(), returningNothing(action));
	}

	/** Runs an action that adds, removes or renames names, alone. */
	static void writing(HostAction action) throws IOException {
		under(LOCK.writeLock(), returningNothing(action));
	}

	private static HostCall<@Nullable Void> returningNothing(HostAction action) {
		return () -> {
			action.run();
			return null;
		};
	}

	private static <T extends @Nullable Object> T under(Lock lock, HostCall<T> call) throws IOException {
		lock.lock();
		try {
			return call.call();
		}
		finally {
			lock.unlock();
		}
	}

	/** A host file call that returns a value. */
	@FunctionalInterface
	interface HostCall<T extends @Nullable Object> {

		/** Makes the call. */
		T call() throws IOException;

	}

	/** A host file call that returns nothing. */
	@FunctionalInterface
	interface HostAction {

		/** Makes the call. */
		void run() throws IOException;

	}

}
