package dev.wasmworkers.observation;

import java.util.concurrent.Callable;

import dev.wasmworkers.protocol.HttpReply;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.worker.InvocationListener;
import dev.wasmworkers.worker.InvocationOutcome;
import dev.wasmworkers.worker.Worker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * An {@link InvocationListener} that wraps each worker invocation in an
 * {@link WasmWorkerObservationDocumentation#INVOCATION} observation, opened as the
 * current observation on the worker thread while the worker runs.
 *
 * <p>
 * The observation's parent is the current observation of the thread that asks for the
 * invocation; in a WebFlux application that is the HTTP server observation when Reactor's
 * automatic context propagation is on ({@code spring.reactor.context-propagation=auto}).
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public final class ObservationInvocationListener implements InvocationListener {

	private static final WasmWorkerInvocationConvention DEFAULT_CONVENTION = new DefaultWasmWorkerInvocationConvention();

	private final ObservationRegistry registry;

	private final @Nullable WasmWorkerInvocationConvention convention;

	/**
	 * Creates the listener.
	 * @param registry where the observations go
	 * @param convention the convention to use instead of the default one, or {@code null}
	 */
	public ObservationInvocationListener(ObservationRegistry registry,
			@Nullable WasmWorkerInvocationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Invocation started(Worker worker, WorkerInput input) {
		if (this.registry.isNoop()) {
			return Invocation.NONE;
		}
		WasmWorkerInvocationContext context = new WasmWorkerInvocationContext(worker, input);
		Observation observation = WasmWorkerObservationDocumentation.INVOCATION
			.observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
			.start();
		return new ObservedInvocation(observation, context);
	}

	private static final class ObservedInvocation implements Invocation {

		private final Observation observation;

		private final WasmWorkerInvocationContext context;

		ObservedInvocation(Observation observation, WasmWorkerInvocationContext context) {
			this.observation = observation;
			this.context = context;
		}

		@Override
		public <T> Callable<T> onRunThread(Callable<T> run) {
			return () -> {
				try (Observation.Scope scope = this.observation.openScope()) {
					return run.call();
				}
			};
		}

		@Override
		public void ended(InvocationOutcome outcome, @Nullable HttpReply reply, @Nullable Throwable failure) {
			this.context.setOutcome(outcome);
			this.context.setReply(reply);
			if (failure != null && outcome != InvocationOutcome.CANCELLED) {
				this.observation.error(failure);
			}
			this.observation.stop();
		}

	}

}
