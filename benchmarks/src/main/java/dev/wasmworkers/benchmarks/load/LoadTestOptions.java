package dev.wasmworkers.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What one load test run does, from the command line.
 *
 * @param duration how long requests are sent
 * @param baseline how long the healthy worker is sent alone first, as the baseline of the
 * same run; zero for no baseline
 * @param maxRequests the most requests sent in one phase (baseline, load), whatever the
 * duration
 * @param concurrency the most requests in flight at once
 * @param requestTimeout the client timeout of one request; a request without an answer by
 * then counts as unanswered
 * @param trickleInterval how often each trickle target is sent
 * @param trickleInFlight the most requests of one trickle target in flight at once
 * @param appJar the sample app jar
 * @param workers the workers folder the sample app serves
 * @param outputDir where the reports and the server log are written
 * @param steady the targets sharing the steady load by weight; one is named
 * {@code healthy}
 * @param trickle the targets sent once every {@code trickleInterval}
 * @param serverProperties the application properties given to the sample app
 * @param slowClients how many clients trickle header lines during the load, never
 * finishing their request
 */
record LoadTestOptions(Duration duration, Duration baseline, int maxRequests, int concurrency, Duration requestTimeout,
		Duration trickleInterval, int trickleInFlight, Path appJar, Path workers, Path outputDir, List<Target> steady,
		List<Target> trickle, Map<String, String> serverProperties, int slowClients) {

	/** The name of the steady target whose answers must all be 200. */
	static final String HEALTHY = "healthy";

	static final String USAGE = """
			Usage: java -cp benchmarks/target/benchmarks.jar dev.wasmworkers.benchmarks.load.LoadTest [options]
			Run from the repository root. Options (durations as 500ms, 10s, 2m; plain numbers are seconds):
			  --duration D            how long requests are sent (default 60s)
			  --baseline D            first, the healthy worker alone for D on the same server, as the
			                          baseline of the run (default 10s; 0 for none)
			  --max-requests N        stop a phase after N requests even before its duration
			                          (default 1000000, at most 10000000)
			  --concurrency N         requests in flight at once (default 64)
			  --request-timeout D     client timeout of one request (default 30s)
			  --trickle-interval D    each trickle worker is sent once per interval (default 1s)
			  --trickle-in-flight N   at most N requests of one trickle worker in flight (default 2)
			  --app-jar FILE          default sample-app/target/sample-app-0.1.0-SNAPSHOT.jar
			  --workers DIR           folder served by the sample app (default sample-app/test-workers)
			  --out DIR               reports and server log (default benchmarks/target/load-test)
			  --steady LIST           name=path:weight,... sharing the steady load; one named 'healthy'
			                          (default healthy=/healthy:85,slow=/slow?ms=50:15)
			  --trickle LIST          name=path,... (default loop=/loop,memory-bomb=/memory-bomb,
			                          stdout-flood=/stdout-flood,trap=/trap,exit1=/exit1,big-output=/big-output?kb=2048)
			  --server-property K=V   an application property for the sample app, repeatable; defaults:
			                          wasm.workers.timeout=2s, wasm.workers.max-memory=32MB,
			                          wasm.workers.max-stdout=1MB
			  --slow-clients N        N clients that send a request line, then one header line a second,
			                          never finishing, and reconnect when cut off (default 0)
			The workers folder is copied to DIR/workers; when it has memory-bomb.wasm, a copy named
			heap-bomb.wasm is added with its own cap of 1GB (max_memory), so that trickling
			heap-bomb=/heap-bomb makes runs that fill the server's heap (512 MB).
			""";

	private static final int MAX_REQUESTS_LIMIT = 10_000_000;

	private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m)?");

	LoadTestOptions {
		if (maxRequests < 1 || concurrency < 1 || trickleInFlight < 1) {
			throw new IllegalArgumentException(
					"--max-requests, --concurrency and --trickle-in-flight must be at least 1");
		}
		if (steady.stream().noneMatch((target) -> target.name().equals(HEALTHY))) {
			throw new IllegalArgumentException("--steady needs a target named '" + HEALTHY + "'");
		}
		List<Target> all = new ArrayList<>(steady);
		all.addAll(trickle);
		if (all.stream().map(Target::name).distinct().count() != all.size() || all.size() > Byte.MAX_VALUE) {
			throw new IllegalArgumentException("target names must be distinct, and at most " + Byte.MAX_VALUE);
		}
	}

	/** The same run with only the healthy worker, for the baseline's duration. */
	LoadTestOptions baselineOnly() {
		Target healthy = this.steady.stream()
			.filter((target) -> target.name().equals(HEALTHY))
			.findFirst()
			.orElseThrow();
		return new LoadTestOptions(this.baseline, Duration.ZERO, this.maxRequests, this.concurrency,
				this.requestTimeout, this.trickleInterval, this.trickleInFlight, this.appJar, this.workers,
				this.outputDir, List.of(new Target(HEALTHY, healthy.path(), 1)), List.of(), this.serverProperties, 0);
	}

	/**
	 * Every target, the steady ones first; a target's index in this list identifies it.
	 */
	List<Target> targets() {
		List<Target> all = new ArrayList<>(this.steady);
		all.addAll(this.trickle);
		return List.copyOf(all);
	}

	/**
	 * Parses the command line.
	 * @throws IllegalArgumentException naming the bad option
	 */
	static LoadTestOptions parse(String[] args) {
		Map<String, String> values = new LinkedHashMap<>();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("wasm.workers.timeout", "2s");
		properties.put("wasm.workers.max-memory", "32MB");
		properties.put("wasm.workers.max-stdout", "1MB");
		for (int i = 0; i < args.length; i += 2) {
			String name = args[i];
			if (!name.startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --option value, at '" + name + "'");
			}
			String value = args[i + 1];
			if (name.equals("--server-property")) {
				int equals = value.indexOf('=');
				if (equals < 1) {
					throw new IllegalArgumentException("--server-property needs name=value, not '" + value + "'");
				}
				properties.put(value.substring(0, equals), value.substring(equals + 1));
			}
			else {
				values.put(name.substring(2), value);
			}
		}
		LoadTestOptions options = new LoadTestOptions(duration(values.remove("duration"), "60s", false),
				duration(values.remove("baseline"), "10s", true), number(values.remove("max-requests"), 1_000_000),
				number(values.remove("concurrency"), 64), duration(values.remove("request-timeout"), "30s", false),
				duration(values.remove("trickle-interval"), "1s", false), number(values.remove("trickle-in-flight"), 2),
				Path.of(values.getOrDefault("app-jar", "sample-app/target/sample-app-0.1.0-SNAPSHOT.jar")),
				Path.of(values.getOrDefault("workers", "sample-app/test-workers")),
				Path.of(values.getOrDefault("out", "benchmarks/target/load-test")),
				Target.parseSteady(values.getOrDefault("steady", "healthy=/healthy:85,slow=/slow?ms=50:15")),
				Target.parseTrickle(values.getOrDefault("trickle",
						"loop=/loop,memory-bomb=/memory-bomb,stdout-flood=/stdout-flood,trap=/trap,exit1=/exit1,"
								+ "big-output=/big-output?kb=2048")),
				Collections.unmodifiableMap(properties), number(values.remove("slow-clients"), 0));
		values.keySet().removeAll(List.of("app-jar", "workers", "out", "steady", "trickle"));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown option --" + values.keySet().iterator().next());
		}
		return options;
	}

	private static Duration duration(@Nullable String value, String fallback, boolean zeroAllowed) {
		Matcher matcher = DURATION.matcher((value != null) ? value : fallback);
		if (!matcher.matches() || (!zeroAllowed && Long.parseLong(matcher.group(1)) == 0)) {
			throw new IllegalArgumentException("'" + value + "' is not a positive duration such as 500ms, 10s or 2m");
		}
		long amount = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "s";
		return switch (unit) {
			case "ms" -> Duration.ofMillis(amount);
			case "m" -> Duration.ofMinutes(amount);
			default -> Duration.ofSeconds(amount);
		};
	}

	private static int number(@Nullable String value, int fallback) {
		if (value == null) {
			return fallback;
		}
		if (!value.matches("[0-9]{1,9}")) {
			throw new IllegalArgumentException("'" + value + "' is not a whole number");
		}
		return Integer.parseInt(value);
	}

}
