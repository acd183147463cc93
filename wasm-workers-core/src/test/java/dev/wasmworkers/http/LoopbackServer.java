package dev.wasmworkers.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JDK HTTP server on 127.0.0.1 for the outbound HTTP tests.
 *
 * <ul>
 * <li>{@code /echo[?status=N]}: answers status N (200 by default) with a JSON description
 * of the request ({@code method}, {@code path}, {@code headers} as lower-case name to
 * values, {@code body} in base64) and the headers {@code x-custom: one},
 * {@code x-custom: two}, {@code X-Mixed-Case: Value}, {@code x-utf8: ü€}.</li>
 * <li>{@code /binary}: the 256 bytes 0 to 255.</li>
 * <li>{@code /big?bytes=N}: N bytes of {@code a}.</li>
 * <li>{@code /slow?ms=N}: waits N ms, then answers {@code late}.</li>
 * <li>{@code /loop}: redirects to itself, forever.</li>
 * <li>{@code /hops?n=N}: redirects to {@code /hops?n=N-1}, and answers {@code arrived} at
 * 0.</li>
 * <li>{@code /redirect?status=N&to=URI}: redirects (302 by default) to the URI.</li>
 * </ul>
 * Every request is recorded.
 */
public final class LoopbackServer implements AutoCloseable {

	/** The bytes 0 to 255, the body of {@code /binary}. */
	public static final byte[] ALL_BYTES = allBytes();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	/** Starts the server on a free port of 127.0.0.1. */
	public LoopbackServer() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	/** The server's port. */
	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The URI of a path on the server, as {@code http://127.0.0.1:port/path}. */
	public String uri(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	/** The requests received so far, in order. */
	public List<Received> received() {
		return List.copyOf(this.received);
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = readAll(exchange.getRequestBody());
			URI uri = exchange.getRequestURI();
			this.received.add(new Received(exchange.getRequestMethod(), uri.toString(),
					lowerCase(exchange.getRequestHeaders()), body));
			Map<String, String> query = query(uri.getRawQuery());
			switch (uri.getPath()) {
				case "/echo" -> echo(exchange, body, Integer.parseInt(query.getOrDefault("status", "200")));
				case "/binary" -> send(exchange, 200, "application/octet-stream", ALL_BYTES);
				case "/big" ->
					send(exchange, 200, "text/plain", "a".repeat(Integer.parseInt(query.get("bytes"))).getBytes());
				case "/slow" -> {
					Thread.sleep(Long.parseLong(query.get("ms")));
					send(exchange, 200, "text/plain", "late".getBytes());
				}
				case "/loop" -> redirect(exchange, 302, "/loop");
				case "/hops" -> {
					int left = Integer.parseInt(query.get("n"));
					if (left > 0) {
						redirect(exchange, 302, "/hops?n=" + (left - 1));
					}
					else {
						send(exchange, 200, "text/plain", "arrived".getBytes());
					}
				}
				case "/redirect" ->
					redirect(exchange, Integer.parseInt(query.getOrDefault("status", "302")), query.get("to"));
				default -> send(exchange, 404, "text/plain", "no such endpoint".getBytes());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void echo(HttpExchange exchange, byte[] body, int status) throws IOException {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("method", exchange.getRequestMethod());
		description.put("path", exchange.getRequestURI().toString());
		description.put("headers", lowerCase(exchange.getRequestHeaders()));
		description.put("body", Base64.getEncoder().encodeToString(body));
		Headers headers = exchange.getResponseHeaders();
		headers.add("x-custom", "one");
		headers.add("x-custom", "two");
		headers.add("X-Mixed-Case", "Value");
		// The bytes of "ü€" in UTF-8, as the JDK server writes header characters.
		headers.add("x-utf8", new String("ü€".getBytes(java.nio.charset.StandardCharsets.UTF_8),
				java.nio.charset.StandardCharsets.ISO_8859_1));
		send(exchange, status, "application/json", JSON.writeValueAsBytes(description));
	}

	private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
		exchange.getResponseHeaders().add("location", location);
		send(exchange, status, "text/plain", ("see " + location).getBytes());
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("content-type", contentType);
		boolean noBody = exchange.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
		exchange.sendResponseHeaders(status, noBody ? -1 : (body.length == 0) ? -1 : body.length);
		if (!noBody && body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static Map<String, List<String>> lowerCase(Headers headers) {
		Map<String, List<String>> lowerCase = new LinkedHashMap<>();
		headers.forEach(
				(name, values) -> lowerCase.computeIfAbsent(name.toLowerCase(Locale.ROOT), (key) -> new ArrayList<>())
					.addAll(values));
		return lowerCase;
	}

	private static Map<String, String> query(String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery != null) {
			for (String pair : rawQuery.split("&")) {
				int equals = pair.indexOf('=');
				query.put(pair.substring(0, equals), java.net.URLDecoder.decode(pair.substring(equals + 1),
						java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		return query;
	}

	private static byte[] readAll(InputStream in) throws IOException {
		return in.readAllBytes();
	}

	private static byte[] allBytes() {
		byte[] bytes = new byte[256];
		for (int i = 0; i < bytes.length; i++) {
			bytes[i] = (byte) i;
		}
		return bytes;
	}

	/**
	 * A request the server received.
	 *
	 * @param method its method
	 * @param uri its path and query
	 * @param headers its headers, lower-case names
	 * @param body its body
	 */
	public record Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {

	}

}
