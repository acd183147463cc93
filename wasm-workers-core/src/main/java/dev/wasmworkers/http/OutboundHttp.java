package dev.wasmworkers.http;

/**
 * Sends one worker's outbound requests under its allow-list; thread-safe. The engine's
 * {@code http.send-http-request} host function calls it, on the thread of the worker's
 * run.
 */
public interface OutboundHttp {

	/**
	 * Checks the request against the worker's allow-list, sends it and waits for the
	 * whole response, following redirects that the allow-list also allows.
	 * @param request the request
	 * @return the final response, whatever its status
	 * @throws OutboundHttpException when the request is refused or fails, with the kind
	 * and message for the worker
	 * @throws InterruptedException when the calling thread is interrupted, for example by
	 * the run's deadline; the request is then abandoned
	 */
	OutboundResponse send(OutboundRequest request) throws OutboundHttpException, InterruptedException;

	/**
	 * Outbound HTTP for a run that has none configured: every request is checked against
	 * an empty allow-list, so none is sent.
	 * @return the refusing instance
	 */
	static OutboundHttp none() {
		return NoOutboundHttp.INSTANCE;
	}

}
