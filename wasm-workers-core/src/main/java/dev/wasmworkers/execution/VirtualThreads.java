package dev.wasmworkers.execution;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.jspecify.annotations.Nullable;

/**
 * Tells virtual threads apart on JDKs that have them (21 and later), while the project
 * still runs on 17.
 */
final class VirtualThreads {

	private static final @Nullable MethodHandle IS_VIRTUAL = isVirtualMethod();

	private VirtualThreads() {
	}

	/**
	 * Whether the thread is virtual; always false on a JDK without virtual threads.
	 * @param thread the thread
	 * @return whether it is a virtual thread
	 */
	static boolean isVirtual(Thread thread) {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(thread);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Thread.isVirtual() failed", ex);
		}
	}

	private static @Nullable MethodHandle isVirtualMethod() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

}
