package dev.wasmworkers.reload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.wasmworkers.testing.WatWorkers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project folder that a test changes while a server serves it: copies of the committed
 * example and test workers (built from {@code workers/}), files written in place as an
 * editor or {@code cp} writes them, and requests to the server.
 */
final class ReloadedProject {

	/** The C worker answering its HTML greeting. */
	static final Path HELLO = Path.of("../sample-app/workers/hello.wasm");

	/** What {@link #HELLO} answers contains this. */
	static final String HELLO_TEXT = "Hello from a C worker";

	/** The C worker answering {@code ok}. */
	static final Path HEALTHY = Path.of("../sample-app/test-workers/healthy.wasm");

	/** The C worker counting visits in its KV namespace. */
	static final Path COUNTER = Path.of("../sample-app/workers/counter.wasm");

	/** The C worker answering its environment as JSON. */
	static final Path VARS = Path.of("../sample-app/workers/vars.wasm");

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private ReloadedProject() {
	}

	/**
	 * Creates an empty project folder.
	 * @return the folder
	 */
	static Path create() {
		try {
			return Files.createTempDirectory("wasm-workers-reload");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a committed worker's bytes into a file of the project, in place.
	 * @param worker the committed worker
	 * @param root the project folder
	 * @param file the file, relative to the folder
	 */
	static void copy(Path worker, Path root, String file) {
		try {
			write(root, file, Files.readAllBytes(worker));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a text file of the project, in place.
	 * @param root the project folder
	 * @param file the file, relative to the folder
	 * @param text its content
	 */
	static void write(Path root, String file, String text) {
		write(root, file, text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Writes a file of the project in place (truncated, then written), creating parent
	 * folders.
	 * @param root the project folder
	 * @param file the file, relative to the folder
	 * @param bytes its content
	 */
	static void write(Path root, String file, byte[] bytes) {
		WatWorkers.writeBytes(root, file, bytes);
	}

	/**
	 * Sends a request.
	 * @param port the server's port
	 * @param method the method
	 * @param path the path
	 * @return the response, its body as text
	 */
	static HttpResponse<String> send(int port, String method, String path) {
		try {
			return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.method(method, HttpRequest.BodyPublishers.noBody())
				.timeout(PATIENCE)
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * GETs a path.
	 * @param port the server's port
	 * @param path the path
	 * @return the response
	 */
	static HttpResponse<String> get(int port, String path) {
		return send(port, "GET", path);
	}

	/**
	 * Waits, at most a minute, until a condition holds; fails otherwise.
	 * @param description what is awaited, for the failure
	 * @param condition the condition
	 */
	static void await(String description, BooleanSupplier condition) {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waiting for %s", description).isLessThan(deadline);
			try {
				Thread.sleep(25);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Waits until a GET answers a status with a body containing a text.
	 * @param port the server's port
	 * @param path the path
	 * @param status the status
	 * @param text what the body contains
	 */
	static void awaitAnswer(int port, String path, int status, String text) {
		await("GET " + path + " to answer " + status + " with '" + text + "'", () -> {
			HttpResponse<String> response = get(port, path);
			return response.statusCode() == status && response.body().contains(text);
		});
	}

}
