package dev.wasmworkers.sample;

import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * Caps the connections the Netty server keeps open, which Spring Boot has no property for
 * (Tomcat has {@code server.tomcat.max-connections}): past the cap, a new connection is
 * closed as soon as it is accepted, so that slow or idle clients cannot use up the
 * process's file descriptors and stop it from accepting anything.
 */
final class NettyConnectionLimit implements NettyServerCustomizer {

	private static final Logger logger = LoggerFactory.getLogger(NettyConnectionLimit.class);

	private final int maxConnections;

	private final AtomicInteger open = new AtomicInteger();

	/**
	 * Creates the limit.
	 * @param maxConnections the most connections open at once
	 */
	NettyConnectionLimit(int maxConnections) {
		if (maxConnections < 1) {
			throw new IllegalArgumentException(
					"sample.server.max-connections must be at least 1, not " + maxConnections);
		}
		this.maxConnections = maxConnections;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			channel.closeFuture().addListener((closed) -> this.open.decrementAndGet());
			if (this.open.incrementAndGet() > this.maxConnections) {
				logger.debug("Closing the connection from {}: {} connections are open already", remoteAddress,
						this.maxConnections);
				channel.close();
			}
		});
	}

}
