package dev.wasmworkers.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

import org.jspecify.annotations.Nullable;

/**
 * Collects a response body into a byte array, and gives up with
 * {@link BodyTooLargeException} as soon as it passes the cap, without reading the rest.
 */
final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

	private final long cap;

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	private Flow.@Nullable Subscription subscription;

	CappedBodySubscriber(long cap) {
		this.cap = cap;
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.body;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> items) {
		if (this.body.isDone()) {
			return;
		}
		for (ByteBuffer item : items) {
			if ((long) this.buffer.size() + item.remaining() > this.cap) {
				if (this.subscription != null) {
					this.subscription.cancel();
				}
				this.body.completeExceptionally(new BodyTooLargeException(this.cap));
				return;
			}
			byte[] bytes = new byte[item.remaining()];
			item.get(bytes);
			this.buffer.write(bytes, 0, bytes.length);
		}
	}

	@Override
	public void onError(Throwable throwable) {
		this.body.completeExceptionally(throwable);
	}

	@Override
	public void onComplete() {
		this.body.complete(this.buffer.toByteArray());
	}

	/** A response body larger than allowed. */
	static final class BodyTooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

		BodyTooLargeException(long cap) {
			super("The response body is larger than the " + cap
					+ " bytes a worker may receive (wasm.workers.http.max-response-body)");
		}

	}

}
