package dev.wasmworkers.web;

import dev.wasmworkers.worker.WorkerCatalogHolder;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.servlet.filter.OrderedFormContentFilter;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.filter.FormContentFilter;

/**
 * Spring MVC's {@link FormContentFilter}, except for the requests routed to a worker: it
 * reads the {@code application/x-www-form-urlencoded} body of PUT, PATCH and DELETE
 * requests into request parameters, which would leave a worker an empty body; a worker
 * gets it as sent, as on WebFlux.
 */
public final class WorkerFormContentFilter extends OrderedFormContentFilter {

	private final WorkerRouting routing;

	/**
	 * Creates the filter.
	 * @param catalogs holds the catalog being served
	 */
	public WorkerFormContentFilter(WorkerCatalogHolder catalogs) {
		this.routing = new WorkerRouting(catalogs);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return wouldParse(request) && this.routing.current()
			.route(HttpMethod.valueOf(request.getMethod()),
					request.getRequestURI().substring(request.getContextPath().length()))
			.filter(RequestRoute.ToWorker.class::isInstance)
			.isPresent();
	}

	private static boolean wouldParse(HttpServletRequest request) {
		String method = request.getMethod();
		String contentType = request.getContentType();
		return contentType != null && contentType.contains(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
				&& (HttpMethod.PUT.matches(method) || HttpMethod.PATCH.matches(method)
						|| HttpMethod.DELETE.matches(method));
	}

}
