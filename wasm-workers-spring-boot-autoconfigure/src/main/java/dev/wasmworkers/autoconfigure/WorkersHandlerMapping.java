package dev.wasmworkers.autoconfigure;

import org.springframework.core.Ordered;

/**
 * Where the workers' handler mapping sits, the same on both web stacks.
 */
final class WorkersHandlerMapping {

	/** The name of the handler mapping bean; a bean of that name replaces it. */
	static final String BEAN_NAME = "wasmWorkersHandlerMapping";

	/**
	 * Order of the mapping: after the application's controllers and router functions (and
	 * Actuator's endpoints), before Spring's static resources.
	 */
	static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	private WorkersHandlerMapping() {
	}

}
