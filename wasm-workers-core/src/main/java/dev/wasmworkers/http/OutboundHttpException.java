package dev.wasmworkers.http;

import java.util.Objects;

/**
 * An outbound request that failed or was refused: the worker receives its kind and
 * message.
 */
public class OutboundHttpException extends Exception {

	private static final long serialVersionUID = 1L;

	private final HttpErrorKind kind;

	/**
	 * Creates the failure.
	 * @param kind the error kind the worker receives
	 * @param message the message the worker receives
	 */
	public OutboundHttpException(HttpErrorKind kind, String message) {
		super(message);
		this.kind = Objects.requireNonNull(kind, "kind");
	}

	/**
	 * Creates the failure with its cause, which only the server log sees.
	 * @param kind the error kind the worker receives
	 * @param message the message the worker receives
	 * @param cause what went wrong in the client
	 */
	public OutboundHttpException(HttpErrorKind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = Objects.requireNonNull(kind, "kind");
	}

	/**
	 * The error kind the worker receives.
	 * @return the kind
	 */
	public HttpErrorKind kind() {
		return this.kind;
	}

	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
