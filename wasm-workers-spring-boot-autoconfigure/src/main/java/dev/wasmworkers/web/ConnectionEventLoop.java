package dev.wasmworkers.web;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.ClassUtils;

/**
 * The event loop of the Reactor Netty connection a WebFlux request came on, where the
 * answer of a worker that ran on a worker thread is finished.
 * <p>
 * Finishing it there, rather than on the worker thread, lets Reactor Netty end the
 * request in the same event-loop task that writes its answer. Otherwise a keep-alive
 * client can send its next request in between, and when that one is answered on the spot
 * (a 404, say) Reactor Netty 1.3.7 can stop reading the connection for good
 * (reactor/reactor-netty#4361, fixed in 1.3.8; requests answered from other threads still
 * meet it on 1.3.7). It also saves the hop Netty makes anyway to write from another
 * thread.
 */
final class ConnectionEventLoop {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.Connection",
			ConnectionEventLoop.class.getClassLoader());

	private ConnectionEventLoop() {
	}

	/**
	 * The scheduler of the event loop a request came on.
	 * @param request the request
	 * @return the scheduler, or null when the request did not come through Reactor Netty
	 */
	static @Nullable Scheduler of(ServerHttpRequest request) {
		return REACTOR_NETTY_PRESENT ? ReactorNetty.eventLoop(request) : null;
	}

	/** What needs Reactor Netty's classes, loaded only when they are present. */
	private static final class ReactorNetty {

		static @Nullable Scheduler eventLoop(ServerHttpRequest request) {
			Object nativeRequest;
			try {
				nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
			}
			catch (IllegalArgumentException | IllegalStateException ex) {
				// Not a request of a server (a WebTestClient bound to the application's
				// context, whose mock request has no native request).
				return null;
			}
			return (nativeRequest instanceof Connection connection)
					? Schedulers.fromExecutor(connection.channel().eventLoop()) : null;
		}

	}

}
