package dev.wasmworkers.actuate;

import java.util.Set;

import dev.wasmworkers.actuate.WasmKvEndpoint.EntryDescriptor;
import dev.wasmworkers.actuate.WasmKvEndpoint.NamespaceDescriptor;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link WasmKvEndpoint}: over
 * HTTP, {@link Show#WHEN_AUTHORIZED} shows values only to an authenticated user with one
 * of the configured roles.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = WasmKvEndpoint.class)
public class WasmKvEndpointWebExtension {

	private final WasmKvEndpoint delegate;

	private final Show showValues;

	private final Set<String> roles;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 * @param showValues when to show values
	 * @param roles the roles allowed to see values with {@link Show#WHEN_AUTHORIZED}; any
	 * authenticated user when empty
	 */
	public WasmKvEndpointWebExtension(WasmKvEndpoint delegate, Show showValues, Set<String> roles) {
		this.delegate = delegate;
		this.showValues = showValues;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Describes one namespace and its keys.
	 * @param securityContext the caller
	 * @param namespace the namespace name
	 * @return the namespace, or 404 when it is unknown
	 */
	@ReadOperation
	public WebEndpointResponse<NamespaceDescriptor> namespace(SecurityContext securityContext,
			@Selector String namespace) {
		return orNotFound(this.delegate.getNamespace(namespace, this.showValues.isShown(securityContext, this.roles)));
	}

	/**
	 * Describes one entry.
	 * @param securityContext the caller
	 * @param namespace the namespace name
	 * @param key the key
	 * @return the entry, or 404 when the namespace has no such key
	 */
	@ReadOperation
	public WebEndpointResponse<EntryDescriptor> entry(SecurityContext securityContext, @Selector String namespace,
			@Selector String key) {
		return orNotFound(this.delegate.getEntry(namespace, key, this.showValues.isShown(securityContext, this.roles)));
	}

	private static <T> WebEndpointResponse<T> orNotFound(@Nullable T body) {
		return (body != null) ? new WebEndpointResponse<>(body)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
