package dev.wasmworkers.worker;

import java.nio.file.Path;

/**
 * The outbound HTTP tests on the Rust worker (workers/rust/test-workers/fetch), which
 * sends through the kit's {@code bindings::send_http_request}: the response body, header
 * strings and error message become {@code Vec}s of the Rust allocator, as in the wws kit.
 */
class RustFetchWorkerTests extends OutboundHttpWorkerContract {

	RustFetchWorkerTests() {
		super(Path.of("../sample-app/test-workers/rust-fetch.wasm"));
	}

}
