package dev.wasmworkers.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** Parses the URIs of outbound requests and of their redirects. */
final class OutboundUris {

	private OutboundUris() {
	}

	/**
	 * Parses the URI a worker gave, percent-encoding any non-ASCII character as UTF-8.
	 * @throws OutboundHttpException {@link HttpErrorKind#INVALID_REQUEST} with the
	 * parser's message
	 */
	static URI parse(String uri) throws OutboundHttpException {
		try {
			return new URI(new URI(uri).toASCIIString());
		}
		catch (URISyntaxException ex) {
			throw new OutboundHttpException(HttpErrorKind.INVALID_REQUEST, "Invalid URI: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Checks that the URI can be sent: absolute, {@code http} or {@code https}, with a
	 * host.
	 * @throws OutboundHttpException {@link HttpErrorKind#INVALID_REQUEST} otherwise
	 */
	static void requireSendable(URI uri) throws OutboundHttpException {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new OutboundHttpException(HttpErrorKind.INVALID_REQUEST,
					"The URI must be an absolute http or https URI: " + uri);
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new OutboundHttpException(HttpErrorKind.INVALID_REQUEST,
					"The URI has no host, or a host name that is not valid (an international name must be given in its ASCII form): "
							+ uri);
		}
	}

	/**
	 * Resolves the {@code Location} of a redirect against the URI that answered it.
	 * @return the absolute URI, or null when the location cannot be parsed
	 */
	static @Nullable URI resolve(URI base, String location) {
		try {
			URI target = parse(location);
			URI from = (base.getRawPath() == null || base.getRawPath().isEmpty()) ? base.resolve("/") : base;
			return from.resolve(target);
		}
		catch (OutboundHttpException | IllegalArgumentException ex) {
			return null;
		}
	}

}
