package dev.wasmworkers.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import dev.wasmworkers.actuate.WasmWorkersEndpoint;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the {@link WasmWorkersEndpoint}, named like those of
 * Boot's own endpoints.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@ConfigurationProperties("management.endpoint.wasmworkers")
public class WasmWorkersEndpointProperties {

	/**
	 * When to show absolute host paths (the project folder, the host folders of mounts);
	 * otherwise each is replaced by ******.
	 */
	private Show showPaths = Show.NEVER;

	/**
	 * Roles allowed to see absolute host paths when show-paths is when-authorized; any
	 * authenticated user when empty.
	 */
	private final Set<String> roles = new LinkedHashSet<>();

	public Show getShowPaths() {
		return this.showPaths;
	}

	public void setShowPaths(Show showPaths) {
		this.showPaths = showPaths;
	}

	public Set<String> getRoles() {
		return this.roles;
	}

}
