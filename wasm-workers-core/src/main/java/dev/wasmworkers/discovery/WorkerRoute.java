package dev.wasmworkers.discovery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The route of one worker, e.g. {@code "/sub/[id]"}, with wws priority and matching
 * rules.
 *
 * <p>
 * Routes already include the configured prefix, so the same rules hold with and without
 * one. The natural order is the wws priority order and is inconsistent with
 * {@link #equals(Object)}: two different static routes with the same segment count
 * compare as equal, which lets a stable sort keep their given order as wws does.
 */
public final class WorkerRoute implements Comparable<WorkerRoute> {

	private final String path;

	private final RouteKind kind;

	private final List<RouteSegment> segments;

	private final int segmentCount;

	private WorkerRoute(String path, List<RouteSegment> segments) {
		this.path = path;
		this.kind = kindOf(path);
		this.segments = segments;
		this.segmentCount = (int) path.chars().filter(c -> c == '/').count();
	}

	/**
	 * Parses a wws route path such as {@code "/"}, {@code "/a/b"}, {@code "/[id]"} or
	 * {@code "/sub/[...all]"}.
	 * @throws IllegalArgumentException when the path does not start with {@code /}, has
	 * an empty or invalid segment (see {@link RouteSegment}), repeats a parameter name or
	 * has a catch-all that is not last
	 */
	public static WorkerRoute parse(String routePath) {
		if (!routePath.startsWith("/")) {
			throw new IllegalArgumentException("Route path '" + routePath + "' must start with '/'");
		}
		return new WorkerRoute(routePath, routePath.equals("/") ? List.of() : segmentsOf(routePath));
	}

	/** Returns the wws route path as given, such as {@code "/sub/[id]"}. */
	public String path() {
		return path;
	}

	/**
	 * Returns the route kind, decided as wws does: {@code /[...} makes a tail route,
	 * {@code /[} a dynamic one.
	 */
	public RouteKind kind() {
		return kind;
	}

	/** Returns the segments between the slashes; the root route {@code "/"} has none. */
	public List<RouteSegment> segments() {
		return segments;
	}

	/**
	 * Returns the number of {@code /} characters in the path, the segment count wws sorts
	 * and matches by.
	 */
	public int segmentCount() {
		return segmentCount;
	}

	/**
	 * Matches a normalised request path and returns the parameters: {@code {}} for a
	 * static route, {@code {"id": "42"}} for {@code /sub/[id]}, {@code {"all": "a/b/c"}}
	 * for {@code /sub/[...all]}.
	 *
	 * <p>
	 * Static routes match the equal path. Dynamic routes match a path with as many
	 * slashes whose segments each fit, a parameter never matching an empty segment. Tail
	 * routes match a path with at least as many slashes whose leading segments fit; the
	 * catch-all takes the rest of the path, which is empty when {@code /[...all]} matches
	 * {@code /}. Values are taken from the path as given.
	 */
	public Optional<Map<String, String>> match(String normalizedRequestPath) {
		if (kind == RouteKind.STATIC) {
			return path.equals(normalizedRequestPath) ? Optional.of(Map.of()) : Optional.empty();
		}
		if (!normalizedRequestPath.startsWith("/") || !fitsSegmentCount(normalizedRequestPath)) {
			return Optional.empty();
		}
		List<String> request = Arrays.asList(normalizedRequestPath.substring(1).split("/", -1));
		Map<String, String> params = new LinkedHashMap<>();
		for (int i = 0; i < segments.size(); i++) {
			RouteSegment segment = segments.get(i);
			String value = segment.kind() == RouteSegment.Kind.TAIL
					? String.join("/", request.subList(i, request.size())) : request.get(i);
			if (!segment.accepts(value)) {
				return Optional.empty();
			}
			if (segment.kind() != RouteSegment.Kind.STATIC) {
				params.put(segment.paramName(), segment.valueIn(value));
			}
		}
		return Optional.of(Collections.unmodifiableMap(params));
	}

	/**
	 * Returns the route in Spring WebFlux {@code PathPattern} syntax:
	 * {@code "/sub/{id}"}, {@code "/sub/{*all}"} for a tail route, {@code "/"} for the
	 * root.
	 *
	 * <p>
	 * A {@code {*all}} pattern also matches {@code /sub} and captures values with a
	 * leading slash, so take the final choice of route and its parameters from
	 * {@link RouteTable#find(String)}.
	 */
	public String pathTemplate() {
		if (segments.isEmpty()) {
			return "/";
		}
		return segments.stream().map(RouteSegment::template).collect(Collectors.joining("/", "/", ""));
	}

	/**
	 * Orders routes by wws priority: static, then dynamic, then tail routes, as described
	 * in {@link RoutePriority}.
	 */
	@Override
	public int compareTo(WorkerRoute other) {
		return RoutePriority.ORDER.compare(this, other);
	}

	/** Tells whether the other object is a route with the same path. */
	@Override
	public boolean equals(Object other) {
		return other instanceof WorkerRoute route && route.path.equals(path);
	}

	/** Returns the hash code of the path. */
	@Override
	public int hashCode() {
		return path.hashCode();
	}

	/** Returns the route path. */
	@Override
	public String toString() {
		return path;
	}

	private boolean fitsSegmentCount(String requestPath) {
		long requestCount = requestPath.chars().filter(c -> c == '/').count();
		return kind == RouteKind.DYNAMIC ? requestCount == segmentCount : requestCount >= segmentCount;
	}

	private static RouteKind kindOf(String path) {
		if (path.contains("/[...")) {
			return RouteKind.TAIL;
		}
		return path.contains("/[") ? RouteKind.DYNAMIC : RouteKind.STATIC;
	}

	private static List<RouteSegment> segmentsOf(String routePath) {
		List<RouteSegment> segments = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (String text : routePath.substring(1).split("/", -1)) {
			if (text.isEmpty()) {
				throw new IllegalArgumentException("Route path '" + routePath + "' has an empty segment");
			}
			if (!segments.isEmpty() && segments.get(segments.size() - 1).kind() == RouteSegment.Kind.TAIL) {
				throw new IllegalArgumentException(
						"Route path '" + routePath + "' has a catch-all segment that is not the last one");
			}
			RouteSegment segment = segmentOf(routePath, text);
			if (segment.kind() != RouteSegment.Kind.STATIC && !names.add(segment.paramName())) {
				throw new IllegalArgumentException(
						"Route path '" + routePath + "' repeats the parameter '" + segment.paramName() + "'");
			}
			segments.add(segment);
		}
		return List.copyOf(segments);
	}

	private static RouteSegment segmentOf(String routePath, String text) {
		try {
			return RouteSegment.of(text);
		}
		catch (IllegalArgumentException e) {
			throw new IllegalArgumentException("Route path '" + routePath + "': " + e.getMessage(), e);
		}
	}

}
