package dev.wasmworkers.kv.redis;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Redis answers, from the outcome of the store's calls: after a failed call the
 * store is down, calls fail at once without waiting for Redis, and one call at a time
 * goes through as a probe every {@link #PROBE_INTERVAL}; the first call that succeeds
 * makes it up again. The outage and the recovery are logged once each.
 */
final class RedisAvailability {

	/** How often a call goes through to Redis while it is down. */
	static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

	private static final Logger logger = LoggerFactory.getLogger(RedisKvStore.class);

	private final LongSupplier nanoTime;

	private volatile boolean down;

	private boolean probing;

	private long downSince;

	private long nextProbe;

	private long refused;

	RedisAvailability(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/**
	 * Whether a call may go to Redis now: always while it is up, and while it is down
	 * when no probe is running and the last one ended at least a probe interval ago.
	 * @return {@code true} when the call may go, and then it must end with
	 * {@link #succeeded()} or {@link #failed(Throwable)}
	 */
	boolean mayCall() {
		if (!this.down) {
			return true;
		}
		synchronized (this) {
			if (!this.down) {
				return true;
			}
			if (!this.probing && this.nanoTime.getAsLong() - this.nextProbe >= 0) {
				this.probing = true;
				return true;
			}
			this.refused++;
			return false;
		}
	}

	/** Records a call that Redis answered: Redis is up. */
	void succeeded() {
		if (!this.down) {
			return;
		}
		synchronized (this) {
			if (this.down) {
				long millis = Duration.ofNanos(this.nanoTime.getAsLong() - this.downSince).toMillis();
				logger.info("Redis KV store available again after {} ms; {} calls were refused meanwhile", millis,
						this.refused);
				this.down = false;
				this.probing = false;
			}
		}
	}

	/**
	 * Records a call that failed: Redis is down until a probe succeeds.
	 * @param cause why the call failed
	 */
	synchronized void failed(Throwable cause) {
		long now = this.nanoTime.getAsLong();
		if (!this.down) {
			logger.warn("Redis KV store unavailable: {}. Requests to workers with a KV namespace are answered 503 "
					+ "until it answers again; trying every {} ms", describe(cause), PROBE_INTERVAL.toMillis());
			this.down = true;
			this.downSince = now;
			this.refused = 0;
		}
		this.probing = false;
		this.nextProbe = now + PROBE_INTERVAL.toNanos();
	}

	private static String describe(Throwable cause) {
		StringBuilder description = new StringBuilder(cause.toString());
		for (Throwable next = cause.getCause(); next != null && next != next.getCause(); next = next.getCause()) {
			description.append("; caused by ").append(next);
		}
		return description.toString();
	}

}
