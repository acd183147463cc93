package dev.wasmworkers.sample.webmvc;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repackaged sample jar started with {@code java -jar} from an unrelated working
 * directory: it serves the workers packaged in it ({@code classpath:workers}), refuses
 * the mounts of packaged folders, warns about the JVM flag, and names the property and
 * value of a bad location.
 */
class PackagedJarIT {

	private static final String SETPRIV = "/usr/bin/setpriv";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@TempDir
	Path workingDirectory;

	private final List<Process> processes = new ArrayList<>();

	@AfterEach
	void stopProcesses() throws InterruptedException {
		for (Process process : this.processes) {
			process.destroy();
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
	}

	@Test
	void theJarServesItsPackagedWorkersFromAnyWorkingDirectory() throws Exception {
		int port = freePort();
		Path log = this.workingDirectory.resolve("app.log");
		start(log, "--server.port=" + port, "--management.endpoints.web.exposure.include=wasmworkers");
		awaitStarted(port, log);
		HttpResponse<String> hello = get(port, "/hello");
		assertThat(hello.statusCode()).isEqualTo(200);
		assertThat(hello.body()).contains("Hello from a C worker");
		assertThat(get(port, "/js/hello").statusCode()).isEqualTo(200);
		assertThat(get(port, "/style.css").statusCode()).isEqualTo(200);
		assertThat(get(port, "/files/read?path=/data/message.txt").statusCode()).isEqualTo(500);
		assertThat(get(port, "/actuator/wasmworkers/files/read.wasm").body())
			.contains("inside the workers packaged in the application (classpath:workers)");
		String output = Files.readString(log);
		assertThat(output).contains("Copied").contains("classpath:workers");
		assertThat(output).contains("-XX:-DontCompileHugeMethods");
		assertThat(output).contains("/files/read => files/read.wasm (FAILED, answers 500");
	}

	@Test
	void aClasspathLocationThatDoesNotExistFailsStartUpNamingThePropertyAndValue() throws Exception {
		Path log = this.workingDirectory.resolve("missing.log");
		Process process = start(log, "-XX:-DontCompileHugeMethods", "--server.port=" + freePort(),
				"--wasm.workers.path=classpath:no-such-workers");
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("wasm.workers.path")
			.contains("classpath:no-such-workers")
			.contains("no such folder on the classpath")
			.doesNotContain("DontCompileHugeMethods");
	}

	@Test
	void aPackagedFileIsNotAFolder() throws Exception {
		Path log = this.workingDirectory.resolve("file.log");
		Process process = start(log, "-XX:-DontCompileHugeMethods", "--server.port=" + freePort(),
				"--wasm.workers.path=classpath:workers/hello.wasm");
		assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isNotZero();
		assertThat(Files.readString(log)).contains("wasm.workers.path")
			.contains("classpath:workers/hello.wasm")
			.contains("is a file");
	}

	@Test
	void anUnreadableFolderFailsStartUpNamingIt() throws Exception {
		boolean root = "root".equals(System.getProperty("user.name"));
		Assumptions.assumeTrue(!root || Files.isExecutable(Path.of(SETPRIV)),
				"as root, the check needs setpriv to run the jar as another user");
		Path shared = Files.createTempDirectory("packaged-jar-it");
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
		Path folder = Files.createDirectory(shared.resolve("workers"));
		Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("---------"));
		Path log = shared.resolve("unreadable.log");
		List<String> user = root ? List.of(SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
		Process process = start(shared, user, log, "-XX:-DontCompileHugeMethods", "--server.port=" + freePort(),
				"--wasm.workers.path=" + folder);
		try {
			assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isNotZero();
			assertThat(Files.readString(log)).contains("Workers folder '" + folder + "' cannot be read")
				.contains("wasm.workers.path");
		}
		finally {
			Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
			FileSystemUtils.deleteRecursively(shared);
		}
	}

	private Process start(Path log, String... arguments) throws IOException {
		return start(this.workingDirectory, List.of(), log, arguments);
	}

	private Process start(Path directory, List<String> asUser, Path log, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(asUser);
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		Stream.of(arguments).filter((argument) -> argument.startsWith("-XX:")).forEach(command::add);
		command.add("-jar");
		command.add(jar().toString());
		Stream.of(arguments).filter((argument) -> argument.startsWith("--")).forEach(command::add);
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		this.processes.add(process);
		return process;
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files
				.filter((file) -> file.getFileName().toString().matches("sample-app-webmvc-.*\\.jar")
						&& !file.getFileName().toString().contains("-tests"))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No repackaged jar in target/: run the package phase"))
				.toAbsolutePath();
		}
	}

	private static void awaitStarted(int port, Path log) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
		while (System.nanoTime() < deadline) {
			try {
				if (get(port, "/actuator/wasmworkers").statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				Thread.sleep(250);
			}
		}
		throw new AssertionError("The jar did not start within 180 s:\n" + Files.readString(log));
	}

	private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
