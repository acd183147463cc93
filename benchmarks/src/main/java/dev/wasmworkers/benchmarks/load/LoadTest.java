package dev.wasmworkers.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.wasmworkers.benchmarks.load.LoadGenerator.LoadRun;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP load test of the sample app serving misbehaving workers: every request must get an
 * answer and the healthy worker must keep answering 200.
 */
public final class LoadTest {

	private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

	private LoadTest() {
	}

	/**
	 * Runs the load test and exits with 0 when it passed, 1 when it failed and 2 when it
	 * could not run.
	 * @param args the options, see {@code --help}
	 */
	public static void main(String[] args) {
		if (List.of(args).contains("--help")) {
			System.out.print(LoadTestOptions.USAGE);
			return;
		}
		int exitCode;
		try {
			exitCode = run(LoadTestOptions.parse(args), List.of(args)) ? 0 : 1;
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.print(LoadTestOptions.USAGE);
			exitCode = 2;
		}
		catch (IOException ex) {
			System.err.println("The load test could not run: " + ex.getMessage());
			exitCode = 2;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			exitCode = 2;
		}
		System.exit(exitCode);
	}

	private static boolean run(LoadTestOptions options, List<String> args) throws IOException, InterruptedException {
		RunEnvironment environment = RunEnvironment.capture();
		double loadBefore = RunEnvironment.loadAverage();
		Path out = options.outputDir();
		Path log = out.resolve("server.log");
		Path workers = LoadTestWorkers.prepare(options.workers(), out.resolve("workers"));
		System.out.println("Starting the sample app on " + workers + " (log: " + log + ")");
		LoadReport report;
		String slowClientsReport = "";
		try (SampleAppServer server = SampleAppServer.start(options.appJar(), workers, options.serverProperties(),
				log)) {
			server.awaitUp(STARTUP_TIMEOUT);
			long before = server.heapUsed();
			Long beforeAfterGc = heapAfterGc(server);
			LoadRun baseline = null;
			if (!options.baseline().isZero()) {
				System.out.printf("Baseline: the healthy worker alone for %.1f s%n",
						options.baseline().toMillis() / 1000.0);
				baseline = new LoadGenerator(server.baseUri(), options.baselineOnly()).run();
			}
			System.out.printf("Sending the load to %s for %.1f s (at most %d requests, %d in flight)%n",
					server.baseUri(), options.duration().toMillis() / 1000.0, options.maxRequests(),
					options.concurrency());
			LoadRun run;
			if (options.slowClients() > 0) {
				System.out.println("With " + options.slowClients() + " slow clients trickling header lines");
				try (SlowClients slowClients = SlowClients.start(server.baseUri(), options.slowClients())) {
					run = new LoadGenerator(server.baseUri(), options).run();
					slowClients.close();
					slowClientsReport = "\n" + slowClients.markdown();
				}
			}
			else {
				run = new LoadGenerator(server.baseUri(), options).run();
			}
			long after = server.heapUsed();
			Long afterAfterGc = heapAfterGc(server);
			report = new LoadReport(options, args, baseline, run,
					new LoadReport.Heap(before, beforeAfterGc, after, afterAfterGc), environment, server.command(),
					new double[] { loadBefore, RunEnvironment.loadAverage() });
		}
		String markdown = report.markdown() + slowClientsReport;
		Files.writeString(out.resolve("load-test.md"), markdown);
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(out.resolve("load-test.json"), json.writeValueAsString(report.json()));
		System.out.println();
		System.out.print(markdown);
		System.out.println("\nReports: " + out.resolve("load-test.md") + ", " + out.resolve("load-test.json"));
		return report.passed();
	}

	private static @Nullable Long heapAfterGc(SampleAppServer server) throws IOException, InterruptedException {
		return server.runGc() ? server.heapUsed() : null;
	}

}
