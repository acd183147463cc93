package dev.wasmworkers.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documentation of the observations of Wasm workers.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
public enum WasmWorkerObservationDocumentation implements ObservationDocumentation {

	/**
	 * One invocation of a worker for one request, from when it is asked for (waiting for
	 * a place included) until its reply is ready or it timed out, was rejected or was
	 * cancelled.
	 */
	INVOCATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultWasmWorkerInvocationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/** Low-cardinality keys: metric tags and span attributes. */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The worker's route template, such as {@code /users/[id]}. */
		ROUTE {

			@Override
			public String asString() {
				return "wasm.worker.route";
			}

		},

		/**
		 * How the invocation ended: {@code success}, {@code error}, {@code timeout},
		 * {@code rejected} or {@code cancelled}.
		 */
		OUTCOME {

			@Override
			public String asString() {
				return "outcome";
			}

		}

	}

	/** High-cardinality keys: span attributes only. */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The worker's file, relative to the project folder. */
		FILE {

			@Override
			public String asString() {
				return "wasm.worker.file";
			}

		}

	}

}
