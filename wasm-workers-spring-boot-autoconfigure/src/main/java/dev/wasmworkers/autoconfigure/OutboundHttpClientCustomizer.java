package dev.wasmworkers.autoconfigure;

import java.net.http.HttpClient;

/**
 * Callback that customizes the JDK {@link HttpClient} that sends the workers' outbound
 * requests, for example to set a proxy or the SSL context of an SSL bundle. Every bean of
 * this type is applied, in order.
 * <p>
 * The connect timeout ({@code wasm.workers.http.connect-timeout}) and the redirect policy
 * are set after the customizers: redirects are always followed by the server itself, each
 * checked against the worker's allow-list.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@FunctionalInterface
public interface OutboundHttpClientCustomizer {

	/**
	 * Customizes the builder of the client.
	 * @param builder the builder
	 */
	void customize(HttpClient.Builder builder);

}
