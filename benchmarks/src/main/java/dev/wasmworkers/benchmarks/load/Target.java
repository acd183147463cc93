package dev.wasmworkers.benchmarks.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A worker the load test sends requests to: a name for the report, the request path and
 * query, and its share of the steady load (0 for a trickle target).
 *
 * @param name the name in the report
 * @param path the request path and query, starting with {@code /}
 * @param weight the relative share of the steady load, or 0 when the target is sent as a
 * trickle
 */
record Target(String name, String path, int weight) {

	Target {
		if (name.isEmpty() || !path.startsWith("/") || weight < 0) {
			throw new IllegalArgumentException(
					"a target needs a name, a path starting with '/' and a weight of at least 0, not '" + name + "="
							+ path + ":" + weight + "'");
		}
	}

	boolean trickle() {
		return this.weight == 0;
	}

	/**
	 * Parses {@code name=path:weight,...}; the path may contain {@code =} and {@code :}
	 * (the weight is the digits after the last {@code :}).
	 */
	static List<Target> parseSteady(String list) {
		List<Target> targets = new ArrayList<>();
		for (String item : items(list)) {
			int colon = item.lastIndexOf(':');
			String weight = (colon < 0) ? "" : item.substring(colon + 1);
			if (!weight.matches("[0-9]{1,6}") || Integer.parseInt(weight) == 0) {
				throw new IllegalArgumentException("steady target '" + item + "' needs a weight: name=path:weight");
			}
			targets.add(of(item.substring(0, colon), Integer.parseInt(weight)));
		}
		return targets;
	}

	/** Parses {@code name=path,...}. */
	static List<Target> parseTrickle(String list) {
		return items(list).stream().map((item) -> of(item, 0)).toList();
	}

	private static Target of(String nameAndPath, int weight) {
		int equals = nameAndPath.indexOf('=');
		if (equals < 0) {
			throw new IllegalArgumentException("target '" + nameAndPath + "' is not name=path");
		}
		return new Target(nameAndPath.substring(0, equals), nameAndPath.substring(equals + 1), weight);
	}

	private static List<String> items(String list) {
		return List.of(list.split(",")).stream().map(String::trim).filter((item) -> !item.isEmpty()).toList();
	}

}
