package dev.wasmworkers.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.wasmworkers.actuate.WasmKvEndpoint;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the {@link WasmKvEndpoint}, named like those of Boot's own
 * endpoints.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.wasmkv")
public class WasmKvEndpointProperties {

	/**
	 * When to show KV values; otherwise every value is replaced by ******.
	 */
	private Show showValues = Show.NEVER;

	/**
	 * Roles allowed to see KV values when show-values is when-authorized; any
	 * authenticated user when empty.
	 */
	private final Set<String> roles = new LinkedHashSet<>();

	public Show getShowValues() {
		return this.showValues;
	}

	public void setShowValues(Show showValues) {
		this.showValues = showValues;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

}
