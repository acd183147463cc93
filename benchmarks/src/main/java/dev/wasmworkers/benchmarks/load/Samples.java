package dev.wasmworkers.benchmarks.load;

import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happened to each request, in arrays allocated once for the request cap: the
 * target, when it was sent, how long its answer took and its status.
 *
 * <p>
 * Each request writes only its own slot; the load generator reads them after every
 * request has completed.
 */
final class Samples {

	/** Status of a request sent and not answered (yet). */
	static final short UNANSWERED = 0;

	/** Status of a request that reached the client timeout. */
	static final short TIMED_OUT = -1;

	/**
	 * Status of a request that failed on the client side (connection refused, reset...).
	 */
	static final short FAILED = -2;

	private final byte[] targets;

	private final long[] sentAt;

	private final long[] latencies;

	private final short[] statuses;

	private final AtomicInteger missingRetryAfter = new AtomicInteger();

	private final Map<String, String> firstFailures = new ConcurrentHashMap<>();

	private int size;

	Samples(int capacity) {
		this.targets = new byte[capacity];
		this.sentAt = new long[capacity];
		this.latencies = new long[capacity];
		this.statuses = new short[capacity];
	}

	int capacity() {
		return this.targets.length;
	}

	/**
	 * Records a request sent, at nanoseconds from the start of the run; returns its slot.
	 */
	int sent(int target, long nanosFromStart) {
		int slot = this.size++;
		this.targets[slot] = (byte) target;
		this.sentAt[slot] = nanosFromStart;
		return slot;
	}

	void answered(int slot, long latencyNanos, int status, boolean hasRetryAfter) {
		this.latencies[slot] = latencyNanos;
		this.statuses[slot] = (short) status;
		if (status == 503 && !hasRetryAfter) {
			this.missingRetryAfter.incrementAndGet();
		}
	}

	void failed(int slot, long latencyNanos, Throwable failure) {
		Throwable cause = (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause()
				: failure;
		this.latencies[slot] = latencyNanos;
		this.statuses[slot] = (cause instanceof HttpTimeoutException) ? TIMED_OUT : FAILED;
		this.firstFailures.putIfAbsent(cause.getClass().getName(), String.valueOf(cause.getMessage()));
	}

	/** Number of requests sent. */
	int size() {
		return this.size;
	}

	int target(int slot) {
		return this.targets[slot];
	}

	long sentAt(int slot) {
		return this.sentAt[slot];
	}

	long latency(int slot) {
		return this.latencies[slot];
	}

	int status(int slot) {
		return this.statuses[slot];
	}

	/** Number of 503 answers without a {@code Retry-After} header. */
	int missingRetryAfter() {
		return this.missingRetryAfter.get();
	}

	/** The first message of each kind of client-side failure, by exception class. */
	Map<String, String> firstFailures() {
		return new TreeMap<>(this.firstFailures);
	}

}
