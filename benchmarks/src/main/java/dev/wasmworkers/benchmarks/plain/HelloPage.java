package dev.wasmworkers.benchmarks.plain;

import java.nio.charset.StandardCharsets;

/**
 * The page the sample apps' C hello worker ({@code workers/c/hello.c}) answers on
 * {@code /hello}, which the plain handlers answer from memory; {@code http-vs-plain.sh}
 * checks that both servers answer the same bytes before measuring.
 */
public final class HelloPage {

	/** The route of the C hello worker in the sample apps. */
	public static final String PATH = "/hello";

	/** The content type the worker sets. */
	public static final String CONTENT_TYPE = "text/html";

	/** The body the worker writes. */
	public static final byte[] BODY = ("""
			<!DOCTYPE html>
			<html lang="en">
			<head><meta charset="utf-8"><title>C worker</title></head>
			<body>
			<h1>Hello from a C worker</h1>
			<p>This page was written by a WebAssembly module compiled from C (clang, wasm32-wasi).</p>
			</body>
			</html>
			""").getBytes(StandardCharsets.UTF_8);

	private HelloPage() {
	}

}
