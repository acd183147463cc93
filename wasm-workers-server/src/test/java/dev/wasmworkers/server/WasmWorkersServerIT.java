package dev.wasmworkers.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar started as a process with wws's command line: what it prints, what it
 * serves, the JVM flag it sets itself, and how it stops.
 */
class WasmWorkersServerIT {

	private static final Path SAMPLE_WORKERS = Path.of("../sample-app/workers").toAbsolutePath().normalize();

	@TempDir
	static Path project;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	/** A small wws project: two workers, one under node_modules, and a public page. */
	@BeforeAll
	static void createProject() throws IOException {
		copy("hello.wasm", "hello.wasm");
		copy("rust/tutorial.wasm", "rust/tutorial.wasm");
		copy("hello.wasm", "node_modules/lib/index.wasm");
		Files.createDirectories(project.resolve("public"));
		Files.writeString(project.resolve("public/page.html"), "<p>static</p>");
	}

	@Test
	void helpPrintsTheUsageAndExitsWithZero() throws Exception {
		ServerProcess help = ServerProcess.run(project, "--help");

		assertThat(help.exitCode()).isZero();
		assertThat(help.stdout()).contains("Usage: wasm-workers-server [OPTIONS] [PATH] [--spring.property=value ...]",
				"  -p, --port <PORT>      Port to listen on; 0 picks a free one [default: 8080]");
		assertThat(help.stderr()).isEmpty();
	}

	@Test
	void versionPrintsTheNameAndVersion() throws Exception {
		ServerProcess version = ServerProcess.run(project, "-V");

		assertThat(version.exitCode()).isZero();
		assertThat(version.stdout())
			.containsExactly("wasm-workers-server " + System.getProperty("wasm-workers-server.version"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "--install-runtimes|--install-runtimes is not supported",
					"-i|--install-runtimes is not supported", "runtimes list|the runtimes subcommand is not supported",
					"--git-commit 1a2b3c|--git-commit is not supported",
					"https://github.com/vmware-labs/wasm-workers-server.git|a git repository as PATH is not supported",
					"--no-such-flag|unexpected argument '--no-such-flag'" })
	void aFlagWithoutMeaningHereAnswersOneLineAndExitsWithTwo(String arguments, String reason) throws Exception {
		ServerProcess refused = ServerProcess.run(project, arguments.split(" "));

		assertThat(refused.exitCode()).isEqualTo(2);
		assertThat(refused.stderr()).singleElement()
			.satisfies((line) -> assertThat(line).startsWith("wasm-workers-server: " + reason));
		assertThat(refused.stdout()).isEmpty();
	}

	@Test
	void aMissingProjectFolderIsReportedAsWwsDoesWithExitCodeOne() throws Exception {
		ServerProcess missing = ServerProcess.run(project, "no-such-folder");

		assertThat(missing.exitCode()).isEqualTo(1);
		assertThat(missing.stdout()).containsExactly("⚙️  Preparing the project from: no-such-folder");
		assertThat(missing.stderr())
			.containsExactly("❌ There was an error preparing the project: Missing path in filesystem");
	}

	@Test
	void servesTheProjectWithTheWwsOptionsAndPrintsTheWwsStartupLines() throws Exception {
		try (ServerProcess server = ServerProcess.start(project, ".", "-p", "65535", "--prefix", "app/", "--ignore",
				"**/node_modules/**", "--cors", "https://a.example", "--cors", "*", "--enable-panel", "--server.port=0",
				"--wasm.workers.timeout=20s")) {
			int port = server.awaitServing();
			String base = "http://127.0.0.1:" + port;

			assertThat(port).as("--server.port=0 after -p 65535 wins").isNotEqualTo(65535);
			assertThat(server.stdout()).startsWith("⚙️  Preparing the project from: .", "⚙️  Loading routes from: .",
					"⏳ Loading workers from 2 routes...");
			assertThat(server.stdout())
				.anySatisfy((line) -> assertThat(line).matches("✅ Workers loaded in [0-9.]+ms\\."))
				.containsSubsequence("    - " + base + "/app/hello", "      => ./hello.wasm",
						"    - " + base + "/app/rust/tutorial", "      => ./rust/tutorial.wasm",
						"🎛️  The management API is available at " + base
								+ "/_api/v0/workers (the admin panel is not included)",
						"🚀 Start serving requests at " + base)
				.noneSatisfy((line) -> assertThat(line).contains("node_modules"))
				.noneSatisfy((line) -> assertThat(line).contains(":: Spring Boot ::"));
			assertThat(get(base + "/app/hello").statusCode()).isEqualTo(200);
			HttpResponse<String> tutorial = get(base + "/app/rust/tutorial");
			assertThat(tutorial.body()).isEqualTo("Hello Wasm!");
			assertThat(tutorial.headers().firstValue("x-generated-by")).hasValue("wasm-workers-server");
			assertThat(tutorial.headers().firstValue("access-control-allow-origin")).hasValue("https://a.example,*");
			assertThat(get(base + "/app/node_modules/lib").statusCode()).isEqualTo(404);
			assertThat(get(base + "/app/page.html").body()).isEqualTo("<p>static</p>");
			assertThat(get(base + "/_api/v0/workers").body()).contains("\"path\":\"/app/hello\"");
			assertThat(server.process().descendants())
				.as("the server runs in a JVM relaunched with " + HugeMethodsRelaunch.FLAG + " and "
						+ HugeMethodsRelaunch.OSR_FLAG)
				.anySatisfy((child) -> assertThat(child.info().arguments().orElseThrow())
					.contains(HugeMethodsRelaunch.FLAG, HugeMethodsRelaunch.OSR_FLAG));
			List<ProcessHandle> servers = server.process().descendants().toList();
			server.close();
			assertThat(servers).noneMatch(ProcessHandle::isAlive);
		}
	}

	@Test
	void killingTheLauncherStopsTheServerAndSpringsBannerComesWhenAsked() throws Exception {
		try (ServerProcess server = ServerProcess.start(project, "-p", "0", "--spring.main.banner-mode=console")) {
			int port = server.awaitServing();
			assertThat(server.stdout()).anySatisfy((line) -> assertThat(line).contains(":: Spring Boot ::"));
			assertThat(get("http://127.0.0.1:" + port + "/hello").statusCode()).isEqualTo(200);
			List<ProcessHandle> servers = server.process().descendants().toList();
			assertThat(servers).isNotEmpty();

			server.process().destroyForcibly().waitFor();

			for (ProcessHandle relaunched : servers) {
				relaunched.onExit().get(1, TimeUnit.MINUTES);
			}
			assertThat(servers).noneMatch(ProcessHandle::isAlive);
		}
	}

	@Test
	void servesPythonWorkersAndWithWatchServesAWorkerAddedWhileItRuns(@TempDir Path watched) throws Exception {
		Files.createDirectories(watched.resolve("python"));
		Files.copy(SAMPLE_WORKERS.resolve("python/hello.py"), watched.resolve("python/hello.py"));
		try (ServerProcess server = ServerProcess.start(watched, ".", "-p", "0", "--watch")) {
			String base = "http://127.0.0.1:" + server.awaitServing();
			HttpResponse<String> python = get(base + "/python/hello");
			assertThat(python.statusCode()).isEqualTo(200);
			assertThat(python.body()).contains("Hello from a Python worker");
			assertThat(get(base + "/added").statusCode()).isEqualTo(404);

			Files.writeString(watched.resolve("added.js"), """
					addEventListener("fetch", (event) => event.respondWith(new Response("added while running")));
					""");

			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			HttpResponse<String> added = get(base + "/added");
			while (added.statusCode() != 200 && System.nanoTime() < deadline) {
				Thread.sleep(100);
				added = get(base + "/added");
			}
			assertThat(added.body()).isEqualTo("added while running");
		}
	}

	private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(60)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static void copy(String from, String to) throws IOException {
		Path target = project.resolve(to);
		Files.createDirectories(target.getParent());
		Files.copy(SAMPLE_WORKERS.resolve(from), target);
	}

}
