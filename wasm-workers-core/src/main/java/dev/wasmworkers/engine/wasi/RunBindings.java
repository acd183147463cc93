package dev.wasmworkers.engine.wasi;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.WasmRuntimeException;

/**
 * Binds each running instance to the context of its run, so that host functions created
 * once find, from the instance that calls them, the context of that run and of no other.
 *
 * <p>
 * A binding lasts from {@link #bind} until its {@link Binding#close()}, which a run calls
 * in a {@code finally} block or try-with-resources, however it ends. The lookup is a read
 * of a concurrent map keyed by the instance's identity: it changes nothing, so a stack
 * overflow cannot leave it half done. Thread-safe.
 *
 * @param <C> the type of the contexts
 */
public final class RunBindings<C> {

	private final ConcurrentHashMap<Instance, C> contexts = new ConcurrentHashMap<>();

	/**
	 * Binds an instance to the context of its run.
	 * @param instance the instance, built for this run
	 * @param context the run's context
	 * @return the binding, to close when the run ends
	 * @throws IllegalStateException when the instance is bound already
	 */
	public Binding bind(Instance instance, C context) {
		Objects.requireNonNull(context, "context");
		if (this.contexts.putIfAbsent(instance, context) != null) {
			throw new IllegalStateException("The instance is bound to another run already");
		}
		return new Binding(instance, context);
	}

	/**
	 * The context of the run an instance belongs to.
	 * @param instance the instance that called a host function
	 * @return the context of its run
	 * @throws WasmRuntimeException when the instance is in no run now, which traps the
	 * call
	 */
	public C contextOf(Instance instance) {
		C context = this.contexts.get(instance);
		if (context == null) {
			throw new WasmRuntimeException("a host function was called by an instance outside of its run");
		}
		return context;
	}

	/** One instance bound to its run's context, until closed. */
	public final class Binding implements AutoCloseable {

		private final Instance instance;

		private final C context;

		private Binding(Instance instance, C context) {
			this.instance = instance;
			this.context = context;
		}

		/** Ends the binding: the instance's host calls fail from now on. */
		@Override
		public void close() {
			RunBindings.this.contexts.remove(this.instance, this.context);
		}

	}

}
