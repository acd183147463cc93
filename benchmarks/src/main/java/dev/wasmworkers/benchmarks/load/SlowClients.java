package dev.wasmworkers.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that never finish their request: each opens a connection, sends a request line
 * and then one header line per interval, and opens a new connection whenever the server
 * cuts it off, for as long as the load runs. The server must cut them off (its
 * header-read timeout) while it keeps serving everyone else.
 */
final class SlowClients implements AutoCloseable {

	/** How often each client sends one more header line. */
	static final Duration LINE_INTERVAL = Duration.ofSeconds(1);

	private static final byte[] REQUEST_LINE = "GET /healthy HTTP/1.1\r\nHost: localhost\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	private final InetSocketAddress server;

	private final List<Connection> connections = new ArrayList<>();

	private final AtomicLong cutOff = new AtomicLong();

	private final AtomicLong refused = new AtomicLong();

	private final AtomicLong longestNanos = new AtomicLong();

	private final Thread thread;

	private volatile boolean running = true;

	private SlowClients(URI baseUri, int count) {
		this.server = new InetSocketAddress(baseUri.getHost(), baseUri.getPort());
		for (int i = 0; i < count; i++) {
			this.connections.add(new Connection());
		}
		this.thread = new Thread(this::trickle, "slow-clients");
		this.thread.setDaemon(true);
	}

	/** Starts {@code count} slow clients against the server. */
	static SlowClients start(URI baseUri, int count) {
		SlowClients clients = new SlowClients(baseUri, count);
		clients.thread.start();
		return clients;
	}

	/** Stops the clients, closes their connections and says what happened. */
	@Override
	public void close() throws InterruptedException {
		this.running = false;
		this.thread.join(Duration.ofSeconds(30).toMillis());
		this.connections.forEach(Connection::close);
	}

	/** What the clients saw, as a Markdown paragraph. */
	String markdown() {
		return this.connections.size() + " slow clients, each sending a request line and then one header line every "
				+ LINE_INTERVAL.toSeconds() + " s and reconnecting when cut off: the server cut off " + this.cutOff
				+ " connections before their request was complete (the longest lived "
				+ Duration.ofNanos(this.longestNanos.get()).toSeconds() + " s) and refused " + this.refused
				+ " connection attempts.\n";
	}

	private void trickle() {
		int line = 0;
		while (this.running) {
			long start = System.nanoTime();
			for (Connection connection : this.connections) {
				connection.sendLine(line);
			}
			line++;
			long sleep = LINE_INTERVAL.toMillis() - (System.nanoTime() - start) / 1_000_000;
			if (sleep > 0) {
				try {
					Thread.sleep(sleep);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/** One slow client's current connection. */
	private final class Connection {

		private Socket socket;

		private long openedAt;

		void sendLine(int line) {
			try {
				if (this.socket == null) {
					open();
					return;
				}
				OutputStream out = this.socket.getOutputStream();
				out.write(("X-Slow-" + line + ": x\r\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
				InputStream in = this.socket.getInputStream();
				if (in.available() == 0 && !closedByServer(in)) {
					return;
				}
				cutOff();
			}
			catch (IOException ex) {
				if (this.socket == null) {
					SlowClients.this.refused.incrementAndGet();
				}
				else {
					cutOff();
				}
			}
		}

		private void open() throws IOException {
			Socket opened = new Socket();
			opened.connect(SlowClients.this.server, 5000);
			opened.setSoTimeout(1);
			opened.getOutputStream().write(REQUEST_LINE);
			this.socket = opened;
			this.openedAt = System.nanoTime();
		}

		private boolean closedByServer(InputStream in) throws IOException {
			try {
				return in.read() == -1;
			}
			catch (SocketTimeoutException stillOpen) {
				return false;
			}
		}

		private void cutOff() {
			SlowClients.this.cutOff.incrementAndGet();
			SlowClients.this.longestNanos.accumulateAndGet(System.nanoTime() - this.openedAt, Math::max);
			close();
		}

		void close() {
			if (this.socket != null) {
				try {
					this.socket.close();
				}
				catch (IOException ex) {
					// Closing anyway.
				}
				this.socket = null;
			}
		}

	}

}
