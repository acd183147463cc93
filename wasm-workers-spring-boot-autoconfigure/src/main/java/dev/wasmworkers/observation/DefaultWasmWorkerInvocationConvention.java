package dev.wasmworkers.observation;

import java.util.Locale;

import dev.wasmworkers.observation.WasmWorkerObservationDocumentation.HighCardinalityKeyNames;
import dev.wasmworkers.observation.WasmWorkerObservationDocumentation.LowCardinalityKeyNames;
import dev.wasmworkers.worker.InvocationOutcome;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * The default {@link WasmWorkerInvocationConvention}: named {@value #NAME}, tagged with
 * the worker's route template and the outcome, with the worker's file as a
 * high-cardinality key.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public class DefaultWasmWorkerInvocationConvention implements WasmWorkerInvocationConvention {

	/** The name of the observation, and so of its timer and span. */
	public static final String NAME = "wasm.worker.invocation";

	/** The outcome of an invocation that has not ended yet. */
	public static final String UNKNOWN_OUTCOME = "unknown";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(WasmWorkerInvocationContext context) {
		return "wasm worker " + context.getWorker().route().path();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(WasmWorkerInvocationContext context) {
		return KeyValues.of(route(context), outcome(context));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(WasmWorkerInvocationContext context) {
		return KeyValues.of(HighCardinalityKeyNames.FILE.withValue(context.getWorker().name()));
	}

	/**
	 * The route template of the worker, such as {@code /users/[id]}.
	 * @param context the invocation
	 * @return the key value
	 */
	protected KeyValue route(WasmWorkerInvocationContext context) {
		return LowCardinalityKeyNames.ROUTE.withValue(context.getWorker().route().path());
	}

	/**
	 * How the invocation ended: {@code success}, {@code error}, {@code timeout},
	 * {@code rejected} or {@code cancelled}, and {@value #UNKNOWN_OUTCOME} before it
	 * ended.
	 * @param context the invocation
	 * @return the key value
	 */
	protected KeyValue outcome(WasmWorkerInvocationContext context) {
		InvocationOutcome outcome = context.getOutcome();
		return LowCardinalityKeyNames.OUTCOME
			.withValue((outcome != null) ? outcome.name().toLowerCase(Locale.ROOT) : UNKNOWN_OUTCOME);
	}

}
