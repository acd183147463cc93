package dev.wasmworkers.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * {@link ObservationConvention} for worker invocations; define a bean of this type to
 * replace {@link DefaultWasmWorkerInvocationConvention}.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public interface WasmWorkerInvocationConvention extends ObservationConvention<WasmWorkerInvocationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof WasmWorkerInvocationContext;
	}

}
