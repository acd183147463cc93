package dev.wasmworkers.discovery;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Route paths sorted once in wws priority order; picks the best route for a request path.
 *
 * @param <T> the type of the routed items, such as workers
 */
public final class RouteTable<T> {

	private final List<Entry<T>> entries;

	/**
	 * Sorts the items by the priority of their routes; items whose routes rank the same
	 * keep their given order.
	 */
	public RouteTable(Collection<T> items, Function<T, WorkerRoute> routeOf) {
		this.entries = items.stream()
			.map(item -> new Entry<>(item, routeOf.apply(item)))
			.sorted(Comparator.comparing(Entry::route))
			.toList();
	}

	/** Returns the items in priority order, the order in which requests are matched. */
	public List<T> ordered() {
		return entries.stream().map(Entry::item).toList();
	}

	/**
	 * Returns the first item in priority order whose route matches the normalised request
	 * path.
	 */
	public Optional<RouteMatch<T>> find(String normalizedRequestPath) {
		for (Entry<T> entry : entries) {
			Optional<RouteMatch<T>> match = entry.route()
				.match(normalizedRequestPath)
				.map(params -> new RouteMatch<>(entry.item(), entry.route(), params));
			if (match.isPresent()) {
				return match;
			}
		}
		return Optional.empty();
	}

	private record Entry<T>(T item, WorkerRoute route) {
	}

}
