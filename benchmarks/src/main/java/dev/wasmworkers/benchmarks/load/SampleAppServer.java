package dev.wasmworkers.benchmarks.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sample app running in a child JVM on a free loopback port, stopped on
 * {@link #close()} or, failing that, by a shutdown hook.
 */
final class SampleAppServer implements AutoCloseable {

	/** The JVM flags of the server. */
	static final List<String> JVM_FLAGS = List.of("-XX:-DontCompileHugeMethods", "-Xmx512m");

	private static final Duration STOP_GRACE = Duration.ofSeconds(15);

	private final Process process;

	private final List<String> command;

	private final URI baseUri;

	private final Thread shutdownHook;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	private SampleAppServer(Process process, List<String> command, URI baseUri) {
		this.process = process;
		this.command = command;
		this.baseUri = baseUri;
		this.shutdownHook = new Thread(this::stop, "sample-app-stopper");
		Runtime.getRuntime().addShutdownHook(this.shutdownHook);
	}

	/**
	 * Starts the sample app serving a folder, its output going to a log file.
	 */
	static SampleAppServer start(Path appJar, Path workers, Map<String, String> properties, Path log)
			throws IOException {
		if (!Files.isRegularFile(appJar)) {
			throw new IOException("No sample app jar at " + appJar.toAbsolutePath()
					+ "; build it with ./mvnw -pl sample-app -am package -DskipTests");
		}
		if (!Files.isDirectory(workers)) {
			throw new IOException("No workers folder at " + workers.toAbsolutePath());
		}
		int port = freeLoopbackPort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(JVM_FLAGS);
		command
			.addAll(List.of("-jar", appJar.toString(), "--wasm.workers.path=" + workers, "--server.address=127.0.0.1",
					"--server.port=" + port, "--management.endpoints.web.exposure.include=health,metrics"));
		properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		Files.createDirectories(log.toAbsolutePath().getParent());
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		return new SampleAppServer(process, List.copyOf(command), URI.create("http://127.0.0.1:" + port));
	}

	URI baseUri() {
		return this.baseUri;
	}

	long pid() {
		return this.process.pid();
	}

	List<String> command() {
		return this.command;
	}

	/**
	 * Waits until {@code /actuator/health} answers UP.
	 * @throws IOException when the server exits or is not up in time
	 */
	void awaitUp(Duration timeout) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException(
						"The sample app exited with code " + this.process.exitValue() + " while starting");
			}
			try {
				HttpResponse<String> response = get("/actuator/health");
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
				last = response.statusCode() + " " + response.body();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(250);
		}
		throw new IOException("The sample app was not up after " + timeout.toSeconds() + " s; last health: " + last);
	}

	/**
	 * The server's heap in use, from the Actuator metric {@code jvm.memory.used} with tag
	 * {@code area:heap}.
	 */
	long heapUsed() throws IOException, InterruptedException {
		HttpResponse<String> response = get("/actuator/metrics/jvm.memory.used?tag=area:heap");
		if (response.statusCode() != 200) {
			throw new IOException("jvm.memory.used answered " + response.statusCode() + ": " + response.body());
		}
		for (JsonNode measurement : this.json.readTree(response.body()).path("measurements")) {
			if (measurement.path("statistic").asString().equals("VALUE")) {
				return measurement.path("value").asLong();
			}
		}
		throw new IOException("jvm.memory.used has no VALUE: " + response.body());
	}

	/**
	 * Asks the server JVM for a full GC with {@code jcmd <pid> GC.run}.
	 * @return whether jcmd exists next to this JVM and succeeded
	 */
	boolean runGc() throws IOException, InterruptedException {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		if (!Files.isExecutable(jcmd)) {
			return false;
		}
		Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!gc.waitFor(60, TimeUnit.SECONDS)) {
			gc.destroyForcibly();
			return false;
		}
		return gc.exitValue() == 0;
	}

	/** Stops the server and forgets the shutdown hook. */
	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down: the hook runs stop() again, which does nothing.
		}
	}

	private void stop() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * GETs a path of the server.
	 */
	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.baseUri.resolve(path)).timeout(Duration.ofSeconds(5)).build();
		return this.client.send(request, BodyHandlers.ofString());
	}

	private static int freeLoopbackPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
