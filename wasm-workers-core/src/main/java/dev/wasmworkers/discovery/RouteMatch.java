package dev.wasmworkers.discovery;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The route chosen for a request, with the item it belongs to and the parameters taken
 * from the path.
 *
 * @param item the item whose route matched, such as a worker
 * @param route the route that matched
 * @param params the parameter values by name, in path order; empty for a static route
 * @param <T> the type of the routed items
 */
public record RouteMatch<T>(T item, WorkerRoute route, Map<String, String> params) {

	/** Keeps an unmodifiable copy of the parameters in their given order. */
	public RouteMatch {
		Objects.requireNonNull(item, "item");
		Objects.requireNonNull(route, "route");
		params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
	}
}
