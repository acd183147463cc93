package dev.wasmworkers.http;

import java.util.Optional;

/**
 * The methods a worker can send, in the order of the wws {@code http-method} enum: the
 * ordinal of each constant is its code in the host function's ABI.
 */
public enum HttpMethod {

	/** Code 0. */
	GET,

	/** Code 1. */
	POST,

	/** Code 2. */
	PUT,

	/** Code 3. */
	PATCH,

	/** Code 4. */
	DELETE,

	/** Code 5. */
	OPTIONS,

	/** Code 6. */
	HEAD;

	private static final HttpMethod[] BY_CODE = values();

	/**
	 * The method with the given ABI code.
	 * @param code the enum discriminant the worker passed
	 * @return the method, or empty when the code is not one of the seven
	 */
	public static Optional<HttpMethod> ofCode(int code) {
		return (code >= 0 && code < BY_CODE.length) ? Optional.of(BY_CODE[code]) : Optional.empty();
	}

	/**
	 * The method with the given upper-case name.
	 * @param name a name such as {@code "GET"}
	 * @return the method, or empty when the name is not one of the seven in upper case
	 */
	public static Optional<HttpMethod> ofName(String name) {
		for (HttpMethod method : BY_CODE) {
			if (method.name().equals(name)) {
				return Optional.of(method);
			}
		}
		return Optional.empty();
	}

	/**
	 * The method's code in the host function's ABI.
	 * @return the enum discriminant, 0 to 6
	 */
	public int code() {
		return ordinal();
	}

}
