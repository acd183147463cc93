package dev.wasmworkers.testing;

import java.util.function.Supplier;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/**
 * The web stacks the HTTP tests run against. Each names its server factory explicitly,
 * since the test class path holds Netty, Tomcat and Jetty at once and Boot would
 * otherwise pick one for both kinds of application.
 */
public enum WebStack {

	/** WebFlux on Reactor Netty, what {@code wasm-workers-spring-boot-starter} brings. */
	WEBFLUX_NETTY(WebApplicationType.REACTIVE, NettyReactiveWebServerFactory::new, NettyWebServer.class),

	/**
	 * Spring MVC on Tomcat, what {@code wasm-workers-spring-boot-starter-webmvc} brings.
	 */
	WEBMVC_TOMCAT(WebApplicationType.SERVLET, TomcatServletWebServerFactory::new, TomcatWebServer.class),

	/** Spring MVC on Jetty. */
	WEBMVC_JETTY(WebApplicationType.SERVLET, JettyServletWebServerFactory::new, JettyWebServer.class);

	private final WebApplicationType type;

	private final Supplier<Object> serverFactory;

	private final Class<? extends WebServer> server;

	WebStack(WebApplicationType type, Supplier<Object> serverFactory, Class<? extends WebServer> server) {
		this.type = type;
		this.serverFactory = serverFactory;
		this.server = server;
	}

	WebApplicationType type() {
		return this.type;
	}

	Object serverFactory() {
		return this.serverFactory.get();
	}

	/**
	 * The class of the server this stack runs on.
	 * @return the web server class
	 */
	public Class<? extends WebServer> server() {
		return this.server;
	}

}
