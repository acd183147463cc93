/**
 * Outbound HTTP requests from workers (wws §6): the request and response values, the
 * per-worker allow-list, and the shared client that sends them. Free of Chicory: the
 * engine's {@code http.send-http-request} host function, and later the JavaScript
 * {@code fetch}, call {@link dev.wasmworkers.http.OutboundHttp}.
 */
@NullMarked
package dev.wasmworkers.http;

import org.jspecify.annotations.NullMarked;
