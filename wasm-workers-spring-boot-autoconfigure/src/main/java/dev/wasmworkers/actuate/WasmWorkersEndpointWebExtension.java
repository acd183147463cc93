package dev.wasmworkers.actuate;

import java.util.Set;

import dev.wasmworkers.actuate.WasmWorkersEndpoint.ReloadDescriptor;
import dev.wasmworkers.actuate.WasmWorkersEndpoint.WorkerDescriptor;
import dev.wasmworkers.actuate.WasmWorkersEndpoint.WorkersDescriptor;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.Selector.Match;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link WasmWorkersEndpoint}:
 * over HTTP, {@link Show#WHEN_AUTHORIZED} shows absolute host paths (in descriptions and
 * in the failures a reload reports) only to an authenticated user with one of the
 * configured roles.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = WasmWorkersEndpoint.class)
public class WasmWorkersEndpointWebExtension {

	private final WasmWorkersEndpoint delegate;

	private final Show showPaths;

	private final Set<String> roles;

	/**
	 * Creates the extension.
	 * @param delegate the endpoint
	 * @param showPaths when to show absolute host paths
	 * @param roles the roles allowed to see them with {@link Show#WHEN_AUTHORIZED}; any
	 * authenticated user when empty
	 */
	public WasmWorkersEndpointWebExtension(WasmWorkersEndpoint delegate, Show showPaths, Set<String> roles) {
		this.delegate = delegate;
		this.showPaths = showPaths;
		this.roles = Set.copyOf(roles);
	}

	/**
	 * Describes every worker, in route priority order.
	 * @param securityContext the caller
	 * @return the project folder, the route prefix and the workers
	 */
	@ReadOperation
	public WorkersDescriptor workers(SecurityContext securityContext) {
		return this.delegate.workers(this.showPaths.isShown(securityContext, this.roles));
	}

	/**
	 * Reloads the workers folder.
	 * @param securityContext the caller
	 * @return what was added, changed, removed and failed, or why nothing was reloaded
	 */
	@WriteOperation
	public ReloadDescriptor reload(SecurityContext securityContext) {
		return this.delegate.reload(this.showPaths.isShown(securityContext, this.roles));
	}

	/**
	 * Describes one worker.
	 * @param securityContext the caller
	 * @param idOrFile the worker's id, or its file path relative to the project folder
	 * @return the worker, or 404 when no worker has that id or file
	 */
	@ReadOperation
	public WebEndpointResponse<WorkerDescriptor> worker(SecurityContext securityContext,
			@Selector(match = Match.ALL_REMAINING) String[] idOrFile) {
		WorkerDescriptor worker = this.delegate.worker(idOrFile, this.showPaths.isShown(securityContext, this.roles));
		return (worker != null) ? new WebEndpointResponse<>(worker)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
