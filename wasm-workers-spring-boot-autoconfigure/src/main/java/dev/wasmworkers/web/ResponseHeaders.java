package dev.wasmworkers.web;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;

/**
 * Copies a worker's response headers, dropping those that are not legal HTTP (they would
 * break the response).
 */
final class ResponseHeaders {

	private static final Logger logger = LoggerFactory.getLogger(ResponseHeaders.class);

	private ResponseHeaders() {
	}

	static void copyValid(Map<String, String> from, HttpHeaders to) {
		from.forEach((name, value) -> {
			if (isToken(name) && isFieldValue(value)) {
				to.set(name, value);
			}
			else {
				logger.warn("Dropped invalid response header '{}' from a worker", name);
			}
		});
	}

	private static boolean isToken(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
				return false;
			}
		}
		return true;
	}

	private static boolean isFieldValue(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 32 && c != '\t') || c == 127 || c > 255) {
				return false;
			}
		}
		return true;
	}

}
