package dev.wasmworkers.http;

/**
 * Why an outbound request failed, in the order of the wws {@code http-error} enum: the
 * ordinal of each constant is its code in the host function's ABI.
 */
public enum HttpErrorKind {

	/**
	 * Code 0: the URI cannot be parsed or used, a header cannot be sent, or the request
	 * could not be sent (connection refused, unknown host, TLS failure).
	 */
	INVALID_REQUEST("invalid-request"),

	/** Code 1: the request body could not be sent. */
	INVALID_REQUEST_BODY("invalid-request-body"),

	/** Code 2: the response body could not be read, or is larger than allowed. */
	INVALID_RESPONSE_BODY("invalid-response-body"),

	/** Code 3: the worker's allow-list refuses the host, the scheme or the method. */
	NOT_ALLOWED("not-allowed"),

	/** Code 4: anything else. */
	INTERNAL_ERROR("internal-error"),

	/** Code 5: no connection or no complete response in time. */
	TIMEOUT("timeout"),

	/** Code 6: too many redirects. */
	REDIRECT_LOOP("redirect-loop");

	private final String label;

	HttpErrorKind(String label) {
		this.label = label;
	}

	/**
	 * The case name as the WIT file writes it.
	 * @return for example {@code not-allowed}
	 */
	public String label() {
		return this.label;
	}

	/**
	 * The kind's code in the host function's ABI.
	 * @return the enum discriminant, 0 to 6
	 */
	public int code() {
		return ordinal();
	}

}
