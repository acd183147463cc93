package dev.wasmworkers.benchmarks.load;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * How long a change of a worker file takes to be served: the time from the write of the
 * file to the first response of its new version, with the sample app (in a child JVM)
 * watching a folder with {@code wasm.workers.watch}. It changes a C worker (its module
 * replaced by another, alternately {@code hello.wasm} and {@code healthy.wasm}) and a
 * JavaScript worker (its source rewritten) a number of times each, polling the route
 * every millisecond meanwhile, and prints the median, the 95th percentile and the
 * slowest.
 *
 * <p>
 * Run from the repository root, after
 * {@code ./mvnw -pl sample-app -am package -DskipTests}:
 * {@code java -cp benchmarks/target/benchmarks.jar dev.wasmworkers.benchmarks.load.HotReloadLatency [changes] [app-jar]}
 * (defaults 50 and {@code sample-app/target/sample-app-0.1.0-SNAPSHOT.jar}). Five changes
 * of each worker are made first and not counted.
 */
public final class HotReloadLatency {

	private static final int WARM_UP = 5;

	private static final Duration SETTLE = Duration.ofMillis(200);

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final byte[] HELLO = read("sample-app/workers/hello.wasm");

	private static final byte[] HEALTHY = read("sample-app/test-workers/healthy.wasm");

	private HotReloadLatency() {
	}

	/**
	 * Measures and prints the figures.
	 * @param args the number of changes of each worker, and the sample app jar
	 * @throws Exception when the server does not start or a change is not served in time
	 */
	public static void main(String[] args) throws Exception {
		int changes = (args.length > 0) ? Integer.parseInt(args[0]) : 50;
		Path appJar = Path.of((args.length > 1) ? args[1] : "sample-app/target/sample-app-0.1.0-SNAPSHOT.jar");
		Path workers = Files.createTempDirectory("hot-reload-latency");
		Path c = workers.resolve("c.wasm");
		Path js = workers.resolve("js.js");
		Files.write(c, HELLO);
		Files.writeString(js, javaScript(0));
		RunEnvironment environment = RunEnvironment.capture();
		try (SampleAppServer server = SampleAppServer.start(appJar, workers, Map.of("wasm.workers.watch", "true"),
				Path.of("target", "hot-reload-latency.log"))) {
			server.awaitUp(Duration.ofMinutes(3));
			System.out.printf(Locale.ROOT, "%s, %d cores, server JVM %s, load average before: %.2f%n",
					environment.jdk(), environment.cores(), SampleAppServer.JVM_FLAGS, RunEnvironment.loadAverage());
			System.out.printf("%-40s %8s %8s %8s%n", "worker (" + changes + " changes)", "p50 ms", "p95 ms", "max ms");
			report("C (c.wasm, hello.wasm <-> healthy.wasm)", measure(server, "/c", c, changes,
					(change) -> (change % 2 == 0) ? HELLO : HEALTHY,
					(change) -> (change % 2 == 0) ? (body) -> body.contains("Hello from a C worker") : "ok"::equals));
			report("JavaScript (js.js, source rewritten)",
					measure(server, "/js", js, changes, (change) -> javaScript(change).getBytes(StandardCharsets.UTF_8),
							(change) -> ("version " + change)::equals));
			System.out.printf(Locale.ROOT, "load average after: %.2f%n", RunEnvironment.loadAverage());
		}
	}

	/**
	 * Writes the given versions of a worker file one after the other (those of changes 1
	 * to {@code changes}, after the untimed warm-up ones), each once the previous one is
	 * served.
	 * @return the time from each write to the first response of its version, in
	 * nanoseconds
	 */
	private static long[] measure(SampleAppServer server, String route, Path file, int changes,
			IntFunction<byte[]> versions, IntFunction<Predicate<String>> answers)
			throws IOException, InterruptedException {
		long[] times = new long[changes];
		for (int change = 1; change <= WARM_UP + changes; change++) {
			Thread.sleep(SETTLE.toMillis());
			long written = System.nanoTime();
			Files.write(file, versions.apply(change));
			Predicate<String> served = answers.apply(change);
			while (!served.test(body(server.get(route)))) {
				if (System.nanoTime() - written > PATIENCE.toNanos()) {
					throw new IOException("Change " + change + " of " + file + " was not served within " + PATIENCE);
				}
				Thread.sleep(1);
			}
			if (change > WARM_UP) {
				times[change - WARM_UP - 1] = System.nanoTime() - written;
			}
		}
		return times;
	}

	private static String body(HttpResponse<String> response) {
		return (response.statusCode() == 200) ? response.body() : "";
	}

	private static void report(String worker, long[] nanos) {
		Arrays.sort(nanos);
		System.out.printf("%-40s %8s %8s %8s%n", worker, Latency.format(rank(nanos, 0.50)),
				Latency.format(rank(nanos, 0.95)), Latency.format(nanos[nanos.length - 1] / 1e6));
	}

	private static double rank(long[] sorted, double percentile) {
		int rank = (int) Math.ceil(percentile * sorted.length);
		return sorted[Math.max(rank, 1) - 1] / 1e6;
	}

	private static String javaScript(int version) {
		return "addEventListener('fetch', (event) => event.respondWith(new Response('version " + version + "')));\n";
	}

	private static byte[] read(String file) {
		try {
			return Files.readAllBytes(Path.of(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Run from the repository root: cannot read " + file, ex);
		}
	}

}
