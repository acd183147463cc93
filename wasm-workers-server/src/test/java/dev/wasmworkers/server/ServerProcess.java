package dev.wasmworkers.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged {@code wasm-workers-server} jar run as a process with {@code java -jar},
 * its output collected line by line.
 */
final class ServerProcess implements AutoCloseable {

	/** How long a busy machine may take to start the server. */
	static final Duration START_TIMEOUT = Duration.ofMinutes(3);

	private static final Pattern SERVING = Pattern.compile("🚀 Start serving requests at http://([^:]+):(\\d+)");

	private final Process process;

	private final List<String> stdout = new CopyOnWriteArrayList<>();

	private final List<String> stderr = new CopyOnWriteArrayList<>();

	private final List<Thread> readers = new ArrayList<>();

	private ServerProcess(Process process) {
		this.process = process;
		this.readers.add(read(process.getInputStream(), this.stdout));
		this.readers.add(read(process.getErrorStream(), this.stderr));
	}

	/** Starts {@code java -jar wasm-workers-server.jar arguments...} in a folder. */
	static ServerProcess start(Path workingDirectory, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
		command.addAll(List.of(arguments));
		return new ServerProcess(new ProcessBuilder(command).directory(workingDirectory.toFile()).start());
	}

	/** The jar under test, built by the module's package phase. */
	static Path jar() {
		String jar = System.getProperty("wasm-workers-server.jar");
		assertThat(jar).as("system property wasm-workers-server.jar (set by failsafe)").isNotNull();
		return Path.of(jar).toAbsolutePath();
	}

	/** Runs the jar to its end and returns the finished process. */
	static ServerProcess run(Path workingDirectory, String... arguments) throws IOException, InterruptedException {
		ServerProcess server = start(workingDirectory, arguments);
		assertThat(server.process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("the process ended")
			.isTrue();
		server.drain();
		return server;
	}

	/** Waits for the line {@code 🚀 Start serving requests at http://host:port}. */
	int awaitServing() throws InterruptedException {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			for (String line : this.stdout) {
				Matcher matcher = SERVING.matcher(line);
				if (matcher.matches()) {
					return Integer.parseInt(matcher.group(2));
				}
			}
			if (!this.process.isAlive()) {
				drain();
				fail("The server ended with code " + this.process.exitValue() + " before serving; stdout: "
						+ this.stdout + " stderr: " + this.stderr);
			}
			Thread.sleep(100);
		}
		return fail("The server did not start serving within " + START_TIMEOUT + "; stdout: " + this.stdout);
	}

	/** The lines printed on stdout so far. */
	List<String> stdout() {
		return this.stdout;
	}

	/** The lines printed on stderr so far. */
	List<String> stderr() {
		return this.stderr;
	}

	/** The launched process (the JVM started by {@code java -jar}). */
	Process process() {
		return this.process;
	}

	/** The exit code of the ended process. */
	int exitCode() {
		return this.process.exitValue();
	}

	/** Stops the process with SIGTERM and waits for it and every process it started. */
	@Override
	public void close() throws InterruptedException {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		if (!this.process.waitFor(1, TimeUnit.MINUTES)) {
			this.process.destroyForcibly();
		}
		for (ProcessHandle descendant : descendants) {
			if (descendant.isAlive()) {
				descendant.destroyForcibly();
			}
		}
		drain();
	}

	private void drain() throws InterruptedException {
		for (Thread reader : this.readers) {
			reader.join(TimeUnit.SECONDS.toMillis(10));
		}
	}

	private static Thread read(InputStream stream, List<String> lines) {
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, "server-output");
		reader.setDaemon(true);
		reader.start();
		return reader;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

}
