package dev.wasmworkers.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.wasmworkers.benchmarks.load.LoadGenerator.LoadRun;
import org.jspecify.annotations.Nullable;

/**
 * The figures of a run, its verdict, and the same as JSON and as Markdown.
 */
final class LoadReport {

	private static final Duration WINDOW = Duration.ofSeconds(10);

	private final LoadTestOptions options;

	private final List<String> args;

	private final LoadRun run;

	private final @Nullable LoadRun baseline;

	private final Heap heap;

	private final RunEnvironment environment;

	private final List<String> serverCommand;

	private final double[] loadAverage;

	private final List<TargetStats> targets = new ArrayList<>();

	private final List<Window> healthyWindows = new ArrayList<>();

	private final TargetStats healthy;

	private final @Nullable TargetStats healthyAlone;

	private final List<String> failures = new ArrayList<>();

	LoadReport(LoadTestOptions options, List<String> args, @Nullable LoadRun baseline, LoadRun run, Heap heap,
			RunEnvironment environment, List<String> serverCommand, double[] loadAverage) {
		this.options = options;
		this.args = args;
		this.baseline = baseline;
		this.run = run;
		this.heap = heap;
		this.environment = environment;
		this.serverCommand = serverCommand;
		this.loadAverage = loadAverage;
		List<Target> all = options.targets();
		for (int i = 0; i < all.size(); i++) {
			this.targets.add(stats(run.samples(), all.get(i), i));
		}
		this.healthy = this.targets.stream()
			.filter((stats) -> stats.target().name().equals(LoadTestOptions.HEALTHY))
			.findFirst()
			.orElseThrow();
		windows(all.indexOf(this.healthy.target()));
		int unanswered = this.targets.stream().mapToInt(TargetStats::noAnswer).sum();
		if (unanswered > 0) {
			this.failures.add(unanswered + " requests went unanswered ("
					+ this.targets.stream().mapToInt(TargetStats::timedOut).sum() + " client timeouts)");
		}
		if (this.healthy.sent() == 0) {
			this.failures.add("the healthy worker got no requests");
		}
		else if (this.healthy.errors() > 0) {
			this.failures.add(this.healthy.errors() + " of " + this.healthy.sent()
					+ " requests to the healthy worker did not get 200");
		}
		this.healthyAlone = (baseline != null) ? stats(baseline.samples(), options.baselineOnly().steady().get(0), 0)
				: null;
		if (this.healthyAlone != null && this.healthyAlone.errors() > 0) {
			this.failures.add("baseline: " + this.healthyAlone.errors() + " of " + this.healthyAlone.sent()
					+ " requests to the healthy worker alone did not get 200 (" + this.healthyAlone.noAnswer()
					+ " unanswered)");
		}
	}

	boolean passed() {
		return this.failures.isEmpty();
	}

	private static TargetStats stats(Samples samples, Target target, int index) {
		SortedMap<Integer, Integer> statuses = new TreeMap<>();
		int sent = 0;
		int timedOut = 0;
		int noAnswer = 0;
		long[] latencies = new long[samples.size()];
		int answered = 0;
		for (int slot = 0; slot < samples.size(); slot++) {
			if (samples.target(slot) != index) {
				continue;
			}
			sent++;
			int status = samples.status(slot);
			if (status > 0) {
				statuses.merge(status, 1, Integer::sum);
				latencies[answered++] = samples.latency(slot);
			}
			else {
				noAnswer++;
				timedOut += (status == Samples.TIMED_OUT) ? 1 : 0;
			}
		}
		return new TargetStats(target, sent, statuses, noAnswer, timedOut,
				Latency.of(Arrays.copyOf(latencies, answered)));
	}

	private void windows(int healthyIndex) {
		Samples samples = this.run.samples();
		long window = WINDOW.toNanos();
		int count = (int) Math.max(1, (this.run.lastAnswer().toNanos() + window - 1) / window);
		List<List<Long>> latencies = new ArrayList<>();
		int[] errors = new int[count];
		for (int i = 0; i < count; i++) {
			latencies.add(new ArrayList<>());
		}
		for (int slot = 0; slot < samples.size(); slot++) {
			int status = samples.status(slot);
			if (samples.target(slot) != healthyIndex || status <= 0) {
				continue;
			}
			long answeredAt = samples.sentAt(slot) + samples.latency(slot);
			int index = (int) Math.min(count - 1, answeredAt / window);
			latencies.get(index).add(samples.latency(slot));
			errors[index] += (status != 200) ? 1 : 0;
		}
		for (int i = 0; i < count; i++) {
			long[] nanos = latencies.get(i).stream().mapToLong(Long::longValue).toArray();
			this.healthyWindows
				.add(new Window(i * WINDOW.toSeconds(), (i + 1) * WINDOW.toSeconds(), errors[i], Latency.of(nanos)));
		}
	}

	private int answered() {
		return this.targets.stream().mapToInt((stats) -> stats.sent() - stats.noAnswer()).sum();
	}

	private double perSecond(int requests) {
		return perSecond(requests, this.run);
	}

	private static double perSecond(int requests, LoadRun run) {
		double seconds = run.lastAnswer().toMillis() / 1000.0;
		return (seconds > 0) ? requests / seconds : 0;
	}

	private Map<String, String> clientFailures() {
		Map<String, String> failures = new TreeMap<>(this.run.samples().firstFailures());
		if (this.baseline != null) {
			this.baseline.samples().firstFailures().forEach(failures::putIfAbsent);
		}
		return failures;
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("passed", passed());
		json.put("failures", this.failures);
		json.put("environment", this.environment.json());
		json.put("systemLoadAverage", List.of(this.loadAverage[0], this.loadAverage[1]));
		json.put("arguments", this.args);
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("jvmFlags", SampleAppServer.JVM_FLAGS);
		server.put("properties", this.options.serverProperties());
		server.put("command", this.serverCommand);
		json.put("server", server);
		Map<String, Object> load = new LinkedHashMap<>();
		load.put("concurrency", this.options.concurrency());
		load.put("requestTimeoutSeconds", this.options.requestTimeout().toMillis() / 1000.0);
		load.put("durationSeconds", this.options.duration().toMillis() / 1000.0);
		load.put("maxRequests", this.options.maxRequests());
		load.put("trickleIntervalSeconds", this.options.trickleInterval().toMillis() / 1000.0);
		load.put("trickleInFlight", this.options.trickleInFlight());
		load.put("stoppedBy", this.run.capReached() ? "request cap" : "duration");
		load.put("sendingSeconds", this.run.sending().toMillis() / 1000.0);
		load.put("lastAnswerSeconds", this.run.lastAnswer().toMillis() / 1000.0);
		load.put("sent", this.run.samples().size());
		load.put("answered", answered());
		load.put("throughputPerSecond", Math.round(perSecond(answered()) * 10) / 10.0);
		load.put("clientFailures", clientFailures());
		load.put("serviceUnavailableWithoutRetryAfter", this.run.samples().missingRetryAfter());
		json.put("load", load);
		json.put("workers", this.targets.stream().map(TargetStats::json).toList());
		Map<String, Object> healthy = new LinkedHashMap<>();
		healthy.put("errors", this.healthy.errors());
		healthy.put("errorRate", (this.healthy.sent() > 0) ? (double) this.healthy.errors() / this.healthy.sent() : 0);
		healthy.put("throughputPerSecond", Math.round(perSecond(this.healthy.latency().count()) * 10) / 10.0);
		healthy.put("latency", this.healthy.latency().json());
		healthy.put("windows", this.healthyWindows.stream().map(Window::json).toList());
		if (this.baseline != null && this.healthyAlone != null) {
			Map<String, Object> alone = new LinkedHashMap<>();
			alone.put("durationSeconds", this.options.baseline().toMillis() / 1000.0);
			alone.put("sent", this.healthyAlone.sent());
			alone.put("errors", this.healthyAlone.errors());
			alone.put("throughputPerSecond",
					Math.round(perSecond(this.healthyAlone.latency().count(), this.baseline) * 10) / 10.0);
			alone.put("latency", this.healthyAlone.latency().json());
			healthy.put("alone", alone);
		}
		json.put("healthy", healthy);
		json.put("serverHeap", this.heap.json());
		return json;
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		RunEnvironment env = this.environment;
		md.append("## Under load, with misbehaving workers (`LoadTest`)\n\n");
		md.append(String.format(Locale.ROOT,
				"Run of %s: %s; server JVM flags `%s`; %d cores (%s), %s; load average %.2f before, %.2f after.\n\n",
				env.date(), env.jdk(), String.join(" ", SampleAppServer.JVM_FLAGS), env.cores(), env.cpu(), env.os(),
				this.loadAverage[0], this.loadAverage[1]));
		md.append("Command, from the repository root: `java -cp benchmarks/target/benchmarks.jar ")
			.append(LoadTest.class.getName());
		this.args.forEach((arg) -> md.append(' ').append(arg));
		md.append("` (what `benchmarks/load-test.sh` runs with the same arguments).\n\nServer properties: ")
			.append(this.options.serverProperties()
				.entrySet()
				.stream()
				.map((entry) -> "`" + entry.getKey() + "=" + entry.getValue() + "`")
				.collect(Collectors.joining(", ")))
			.append(", the rest default.\n\n");
		md.append(String.format(Locale.ROOT,
				"Load: %d requests in flight, client timeout %s, sent for %.1f s (stopped by %s), last answer at %.1f s; "
						+ "%d requests, %.0f answered per second.\n\n",
				this.options.concurrency(), seconds(this.options.requestTimeout()),
				this.run.sending().toMillis() / 1000.0, this.run.capReached() ? "the request cap" : "the duration",
				this.run.lastAnswer().toMillis() / 1000.0, this.run.samples().size(), perSecond(answered())));
		appendWorkers(md);
		appendHealthy(md);
		md.append("\nThe healthy worker in the mix, by ")
			.append(WINDOW.toSeconds())
			.append(" s window of answers:\n\n");
		md.append("| Window (s) | Answered | Not 200 | Per second | p50 (ms) | p90 (ms) | p99 (ms) | Max (ms) |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		for (Window window : this.healthyWindows) {
			Latency latency = window.latency();
			md.append(String.format(Locale.ROOT, "| %d–%d | %d | %d | %.0f | %s | %s | %s | %s |\n", window.from(),
					window.to(), latency.count(), window.errors(), window.perSecond(this.run.lastAnswer()),
					Latency.format(latency.p50()), Latency.format(latency.p90()), Latency.format(latency.p99()),
					Latency.format(latency.max())));
		}
		md.append("\nServer heap in use (`jvm.memory.used`, `area:heap`), MB:\n\n");
		md.append("| | Before the first request | After the last answer |\n|---|---|---|\n");
		md.append("| As read | ")
			.append(mb(this.heap.before()))
			.append(" | ")
			.append(mb(this.heap.after()))
			.append(" |\n");
		md.append("| After `jcmd <pid> GC.run` | ")
			.append(mb(this.heap.beforeAfterGc()))
			.append(" | ")
			.append(mb(this.heap.afterAfterGc()))
			.append(" |\n");
		md.append('\n')
			.append(passed() ? "Verdict: passed (every request answered, the healthy worker always 200)."
					: "Verdict: FAILED: " + String.join("; ", this.failures) + ".")
			.append('\n');
		if (this.run.samples().missingRetryAfter() > 0) {
			md.append("\n").append(this.run.samples().missingRetryAfter()).append(" 503 answers had no Retry-After.\n");
		}
		if (!clientFailures().isEmpty()) {
			md.append("\nClient-side failures (first message of each kind): ").append(clientFailures()).append('\n');
		}
		return md.toString();
	}

	private void appendHealthy(StringBuilder md) {
		md.append("\nThe healthy worker (`").append(this.healthy.target().path()).append("`)");
		md.append((this.baseline != null) ? ", first alone on the same server (the baseline), then in the mix:\n\n"
				: " in the mix:\n\n");
		md.append("| Healthy worker | Requests | Not 200 | Per second | p50 (ms) | p90 (ms) | p99 (ms) | Max (ms) |\n");
		md.append("|---|---|---|---|---|---|---|---|\n");
		double mixPerSecond = perSecond(this.healthy.latency().count());
		if (this.baseline != null && this.healthyAlone != null) {
			double alonePerSecond = perSecond(this.healthyAlone.latency().count(), this.baseline);
			appendHealthyRow(md, "Alone, " + seconds(this.options.baseline()), this.healthyAlone, alonePerSecond);
			appendHealthyRow(md, "In the mix, " + seconds(this.options.duration()), this.healthy, mixPerSecond);
			Latency alone = this.healthyAlone.latency();
			Latency mix = this.healthy.latency();
			md.append(String.format(Locale.ROOT, "| Mix ÷ alone | | | %s | %s | %s | %s | %s |\n",
					ratio(mixPerSecond, alonePerSecond), ratio(mix.p50(), alone.p50()), ratio(mix.p90(), alone.p90()),
					ratio(mix.p99(), alone.p99()), ratio(mix.max(), alone.max())));
		}
		else {
			appendHealthyRow(md, "In the mix, " + seconds(this.options.duration()), this.healthy, mixPerSecond);
		}
	}

	private static void appendHealthyRow(StringBuilder md, String label, TargetStats stats, double perSecond) {
		Latency latency = stats.latency();
		md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.0f | %s | %s | %s | %s |\n", label, stats.sent(),
				stats.errors(), perSecond, Latency.format(latency.p50()), Latency.format(latency.p90()),
				Latency.format(latency.p99()), Latency.format(latency.max())));
	}

	private static String ratio(double value, double base) {
		return (base > 0) ? String.format(Locale.ROOT, "%.2f", value / base) : "n/a";
	}

	private void appendWorkers(StringBuilder md) {
		SortedSet<Integer> statuses = new TreeSet<>();
		this.targets.forEach((stats) -> statuses.addAll(stats.statuses().keySet()));
		int totalWeight = this.options.steady().stream().mapToInt(Target::weight).sum();
		md.append("| Worker | Sent as | Requests");
		statuses.forEach((status) -> md.append(" | ").append(status));
		md.append(" | No answer | p50 (ms) | p99 (ms) | Max (ms) |\n|---|---|---");
		statuses.forEach((status) -> md.append("|---"));
		md.append("|---|---|---|---|\n");
		for (TargetStats stats : this.targets) {
			Target target = stats.target();
			String sentAs = target.trickle()
					? "1 per " + seconds(this.options.trickleInterval()) + ", ≤ " + this.options.trickleInFlight()
							+ " in flight"
					: String.format(Locale.ROOT, "%.0f%% of the steady load", 100.0 * target.weight() / totalWeight);
			md.append("| `").append(target.path()).append("` | ").append(sentAs).append(" | ").append(stats.sent());
			statuses.forEach((status) -> md.append(" | ").append(stats.statuses().getOrDefault(status, 0)));
			md.append(" | ")
				.append(stats.noAnswer())
				.append(" | ")
				.append(Latency.format(stats.latency().p50()))
				.append(" | ")
				.append(Latency.format(stats.latency().p99()))
				.append(" | ")
				.append(Latency.format(stats.latency().max()))
				.append(" |\n");
		}
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	private static String mb(@Nullable Long bytes) {
		return (bytes != null) ? String.format(Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0)) : "n/a";
	}

	/**
	 * The server's heap in use, read before the first request (of the baseline, if any)
	 * and after the last answer, each also after a full GC ({@code null} when jcmd is not
	 * available).
	 *
	 * @param before before the first request
	 * @param beforeAfterGc before the first request, after a full GC
	 * @param after after the last answer
	 * @param afterAfterGc after the last answer, after a full GC
	 */
	record Heap(long before, @Nullable Long beforeAfterGc, long after, @Nullable Long afterAfterGc) {

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("beforeBytes", this.before);
			json.put("beforeAfterGcBytes", this.beforeAfterGc);
			json.put("afterBytes", this.after);
			json.put("afterAfterGcBytes", this.afterAfterGc);
			return json;
		}

	}

	private record TargetStats(Target target, int sent, SortedMap<Integer, Integer> statuses, int noAnswer,
			int timedOut, Latency latency) {

		int errors() {
			return this.sent - this.statuses.getOrDefault(200, 0);
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("name", this.target.name());
			json.put("path", this.target.path());
			json.put("weight", this.target.weight());
			json.put("sent", this.sent);
			json.put("statuses", this.statuses);
			json.put("noAnswer", this.noAnswer);
			json.put("clientTimeouts", this.timedOut);
			json.put("latency", this.latency.json());
			return json;
		}

	}

	private record Window(long from, long to, int errors, Latency latency) {

		/** Answers per second over the part of the window before the last answer. */
		double perSecond(Duration lastAnswer) {
			long millis = Math.min(this.to * 1000, lastAnswer.toMillis()) - this.from * 1000;
			return (millis > 0) ? this.latency.count() * 1000.0 / millis : 0;
		}

		Map<String, Object> json() {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("fromSecond", this.from);
			json.put("toSecond", this.to);
			json.put("notOk", this.errors);
			json.put("latency", this.latency.json());
			return json;
		}

	}

}
