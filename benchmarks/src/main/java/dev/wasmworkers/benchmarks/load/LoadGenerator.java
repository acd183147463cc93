package dev.wasmworkers.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Sends the load: at most {@code concurrency} requests in flight, the steady targets
 * picked by weight, each trickle target once per interval with a few in flight at most,
 * until the duration is over or the request cap is reached, then waits for every answer.
 */
final class LoadGenerator {

	/**
	 * How much longer than the client timeout the end of a run waits for the last
	 * answers.
	 */
	private static final Duration DRAIN_MARGIN = Duration.ofSeconds(10);

	private final URI baseUri;

	private final LoadTestOptions options;

	private final List<Target> targets;

	private final int totalWeight;

	private final SplittableRandom random = new SplittableRandom(42);

	LoadGenerator(URI baseUri, LoadTestOptions options) {
		this.baseUri = baseUri;
		this.options = options;
		this.targets = options.targets();
		this.totalWeight = options.steady().stream().mapToInt(Target::weight).sum();
	}

	/**
	 * Runs the load and returns what every request got.
	 */
	LoadRun run() throws InterruptedException {
		int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
		// No queue: a task finding every thread busy runs on the submitting thread.
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				LoadGenerator::daemon, new ThreadPoolExecutor.CallerRunsPolicy());
		try {
			HttpClient client = HttpClient.newBuilder()
				.version(HttpClient.Version.HTTP_1_1)
				.connectTimeout(Duration.ofSeconds(10))
				.executor(executor)
				.build();
			return run(client);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private LoadRun run(HttpClient client) throws InterruptedException {
		Samples samples = new Samples(this.options.maxRequests());
		Semaphore permits = new Semaphore(this.options.concurrency());
		AtomicIntegerArray inFlight = new AtomicIntegerArray(this.targets.size());
		AtomicInteger lastAnswer = new AtomicInteger();
		long[] nextDue = firstTrickleTimes();
		long start = System.nanoTime();
		long end = start + this.options.duration().toNanos();
		boolean capReached = false;
		while (true) {
			if (samples.size() == samples.capacity()) {
				capReached = true;
				break;
			}
			long now = System.nanoTime();
			if (now >= end || !permits.tryAcquire(end - now, TimeUnit.NANOSECONDS)) {
				break;
			}
			now = System.nanoTime();
			int target = pick(now - start, nextDue, inFlight);
			inFlight.incrementAndGet(target);
			int slot = samples.sent(target, now - start);
			HttpRequest request = HttpRequest.newBuilder(this.baseUri.resolve(this.targets.get(target).path()))
				.timeout(this.options.requestTimeout())
				.build();
			long sentAt = now;
			client.sendAsync(request, BodyHandlers.discarding()).whenComplete((response, failure) -> {
				long answeredAt = System.nanoTime();
				try {
					if (response != null) {
						samples.answered(slot, answeredAt - sentAt, response.statusCode(), hasRetryAfter(response));
					}
					else {
						samples.failed(slot, answeredAt - sentAt, failure);
					}
					lastAnswer.accumulateAndGet((int) TimeUnit.NANOSECONDS.toMillis(answeredAt - start), Math::max);
				}
				finally {
					inFlight.decrementAndGet(target);
					permits.release();
				}
			});
		}
		long sendingEnded = System.nanoTime();
		Duration drain = this.options.requestTimeout().plus(DRAIN_MARGIN);
		// Whatever has not completed by then is reported as unanswered.
		permits.tryAcquire(this.options.concurrency(), drain.toNanos(), TimeUnit.NANOSECONDS);
		return new LoadRun(samples, Duration.ofNanos(sendingEnded - start), Duration.ofMillis(lastAnswer.get()),
				capReached);
	}

	/**
	 * The trickle target that is due and has room in flight, else a steady target by
	 * weight.
	 */
	private int pick(long now, long[] nextDue, AtomicIntegerArray inFlight) {
		int steady = this.options.steady().size();
		for (int i = steady; i < this.targets.size(); i++) {
			if (now >= nextDue[i] && inFlight.get(i) < this.options.trickleInFlight()) {
				nextDue[i] = now + this.options.trickleInterval().toNanos();
				return i;
			}
		}
		int ticket = this.random.nextInt(this.totalWeight);
		for (int i = 0; i < steady; i++) {
			ticket -= this.targets.get(i).weight();
			if (ticket < 0) {
				return i;
			}
		}
		throw new IllegalStateException("weights do not add up to " + this.totalWeight);
	}

	/** Spreads the trickle targets' first requests over the first interval. */
	private long[] firstTrickleTimes() {
		long[] due = new long[this.targets.size()];
		int steady = this.options.steady().size();
		int trickle = this.targets.size() - steady;
		for (int i = steady; i < this.targets.size(); i++) {
			due[i] = this.options.trickleInterval().toNanos() * (i - steady) / trickle;
		}
		return due;
	}

	private static boolean hasRetryAfter(HttpResponse<?> response) {
		return response.headers().firstValue("retry-after").isPresent();
	}

	private static Thread daemon(Runnable runnable) {
		Thread thread = new Thread(runnable, "load-client");
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * The outcome of a run.
	 *
	 * @param samples what every request got
	 * @param sending how long requests were sent
	 * @param lastAnswer when the last answer came, from the start
	 * @param capReached whether sending stopped at the request cap rather than the
	 * duration
	 */
	record LoadRun(Samples samples, Duration sending, Duration lastAnswer, boolean capReached) {
	}

}
