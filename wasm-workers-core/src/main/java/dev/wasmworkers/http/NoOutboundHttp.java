package dev.wasmworkers.http;

import java.net.URI;

/** Outbound HTTP for runs without any: the empty allow-list refuses every request. */
final class NoOutboundHttp implements OutboundHttp {

	static final NoOutboundHttp INSTANCE = new NoOutboundHttp();

	private NoOutboundHttp() {
	}

	@Override
	public OutboundResponse send(OutboundRequest request) throws OutboundHttpException {
		URI uri = OutboundUris.parse(request.uri());
		HttpAllowList.none().check(uri, request.method());
		OutboundUris.requireSendable(uri);
		throw new OutboundHttpException(HttpErrorKind.NOT_ALLOWED, "Outbound HTTP is not available for this run");
	}

}
