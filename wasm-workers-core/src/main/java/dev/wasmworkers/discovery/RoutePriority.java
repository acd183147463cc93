package dev.wasmworkers.discovery;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The wws route priority order.
 *
 * <p>
 * Static routes come first, fewer segments first. Dynamic routes follow, fewer segments
 * first, and with equal counts segment by segment. Tail routes come last, more segments
 * first (the deeper catch-all wins), and with equal counts segment by segment. Segments
 * compare static before dynamic before tail, and by text within a kind, in code point
 * order as wws compares Rust strings.
 */
final class RoutePriority {

	private static final Comparator<RouteSegment> SEGMENT = Comparator.comparing(RouteSegment::kind)
		.thenComparing(RouteSegment::text, RoutePriority::compareCodePoints);

	private static final Comparator<List<RouteSegment>> SEGMENTS = RoutePriority::compareSegments;

	private static final Comparator<WorkerRoute> STATIC = Comparator.comparingInt(WorkerRoute::segmentCount);

	private static final Comparator<WorkerRoute> DYNAMIC = Comparator.comparingInt(WorkerRoute::segmentCount)
		.thenComparing(WorkerRoute::segments, SEGMENTS);

	private static final Comparator<WorkerRoute> TAIL = Comparator.comparingInt(WorkerRoute::segmentCount)
		.reversed()
		.thenComparing(WorkerRoute::segments, SEGMENTS);

	/** Compares two routes by wws priority; the smaller one is tried first. */
	static final Comparator<WorkerRoute> ORDER = Comparator.comparing(WorkerRoute::kind)
		.thenComparing(RoutePriority::compareSameKind);

	private RoutePriority() {
	}

	private static int compareSameKind(WorkerRoute left, WorkerRoute right) {
		return switch (left.kind()) {
			case STATIC -> STATIC.compare(left, right);
			case DYNAMIC -> DYNAMIC.compare(left, right);
			case TAIL -> TAIL.compare(left, right);
		};
	}

	private static int compareSegments(List<RouteSegment> left, List<RouteSegment> right) {
		for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
			int order = SEGMENT.compare(left.get(i), right.get(i));
			if (order != 0) {
				return order;
			}
		}
		return Integer.compare(left.size(), right.size());
	}

	private static int compareCodePoints(String left, String right) {
		return Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
	}

}
