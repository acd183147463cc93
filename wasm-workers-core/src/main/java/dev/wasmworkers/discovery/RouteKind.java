package dev.wasmworkers.discovery;

/**
 * The kind of a worker route, in the order wws serves them: static routes first,
 * catch-all routes last.
 */
public enum RouteKind {

	/** A route without parameters, such as {@code /about}. */
	STATIC,
	/**
	 * A route with one or more single-segment parameters, such as {@code /users/[id]}.
	 */
	DYNAMIC,
	/** A route ending in a catch-all parameter, such as {@code /docs/[...path]}. */
	TAIL

}
