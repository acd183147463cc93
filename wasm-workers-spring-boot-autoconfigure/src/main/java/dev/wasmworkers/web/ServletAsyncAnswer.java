package dev.wasmworkers.web;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.wasmworkers.protocol.HttpReply;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Answers a Spring MVC request whose worker runs later, on a worker thread, without an
 * asynchronous re-dispatch: the request goes asynchronous in the servlet container, and
 * when the run's reply is there its response is written on a container thread
 * ({@link AsyncContext#start}) and the request completed.
 * <p>
 * A re-dispatch would take the request through the container's dispatcher, the filter
 * chain, the {@code DispatcherServlet} and its handler mappings a second time, only to
 * write bytes that are already known. Filters that observe the request (such as Spring's
 * HTTP server observation) learn of its end from the container's completion event, as for
 * any asynchronous request. When the container ends the request first (the client went
 * away, or its timeout), the run is cancelled.
 */
final class ServletAsyncAnswer {

	private static final Logger logger = LoggerFactory.getLogger(ServletAsyncAnswer.class);

	/**
	 * What the handler returns for a request answered this way: a response that writes
	 * nothing, the answer being written later.
	 */
	private static final ServerResponse WRITTEN_LATER = new WrittenLater();

	private final ServerResponse.Context context;

	/**
	 * Creates the answerer of one router.
	 * @param messageConverters the converters that write the router's responses
	 */
	ServletAsyncAnswer(List<HttpMessageConverter<?>> messageConverters) {
		this.context = () -> messageConverters;
	}

	/**
	 * Makes a request asynchronous and answers it with the response the reply becomes,
	 * once it is complete.
	 * @param request the request
	 * @param reply the run's reply, which completes normally unless it is cancelled;
	 * cancelling it cancels the run
	 * @param response makes the response of the reply
	 * @param timeout the container's timeout for the request, in milliseconds
	 * @return what the handler returns
	 */
	ServerResponse answerLater(HttpServletRequest request, CompletableFuture<HttpReply> reply,
			Function<HttpReply, ServerResponse> response, long timeout) {
		AsyncContext async = request.startAsync();
		async.setTimeout(timeout);
		async.addListener(new CancelOnEnd(reply));
		reply.thenAccept((answer) -> {
			try {
				async.start(() -> write(async, answer, response));
			}
			catch (IllegalStateException ex) {
				// The container ended the request just before: nobody waits for it.
			}
		});
		return WRITTEN_LATER;
	}

	private void write(AsyncContext async, HttpReply reply, Function<HttpReply, ServerResponse> response) {
		try {
			response.apply(reply)
				.writeTo((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(),
						this.context);
		}
		catch (IOException | ServletException ex) {
			logger.debug("Could not write a worker's response: the client has probably gone", ex);
		}
		finally {
			complete(async);
		}
	}

	private static void complete(AsyncContext async) {
		try {
			async.complete();
		}
		catch (IllegalStateException ex) {
			// The container ended the request meanwhile (the client went away).
		}
	}

	/**
	 * Cancels a worker's run when the container ends its asynchronous request, and ends
	 * it at once when that is for a timeout or an error.
	 */
	private record CancelOnEnd(CompletableFuture<HttpReply> reply) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			this.reply.cancel(true);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			this.reply.cancel(true);
			complete(event.getAsyncContext());
		}

		/**
		 * Cancels the run and ends the request: the connection failed (the client went
		 * away), so nobody reads an answer, and the container's error dispatch to the
		 * application's error page would only fail to write one.
		 */
		@Override
		public void onError(AsyncEvent event) {
			this.reply.cancel(true);
			complete(event.getAsyncContext());
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
		}

	}

	/** A response that writes nothing, for a request whose answer is written later. */
	private static final class WrittenLater implements ServerResponse {

		@Override
		public HttpStatusCode statusCode() {
			return HttpStatus.OK;
		}

		@Override
		public HttpHeaders headers() {
			return HttpHeaders.EMPTY;
		}

		@Override
		public MultiValueMap<String, Cookie> cookies() {
			return new LinkedMultiValueMap<>();
		}

		@Override
		public @Nullable ModelAndView writeTo(HttpServletRequest request, HttpServletResponse response,
				Context context) {
			return null;
		}

	}

}
