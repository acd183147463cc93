package dev.wasmworkers.engine;

import java.util.Objects;

import dev.wasmworkers.engine.wasi.WasiContext;
import dev.wasmworkers.http.OutboundHttp;
import org.jspecify.annotations.Nullable;

/**
 * What the host functions act on during one run: its WASI context, the outbound HTTP its
 * requests go through, and for JavaScript the state of its engine calls.
 *
 * @param wasi the run's WASI context
 * @param outboundHttp sends the run's outbound requests under the worker's allow-list
 * @param javaScript the state of {@code chicory.invoke} calls, only in JavaScript runs
 */
record RunContext(WasiContext wasi, OutboundHttp outboundHttp, @Nullable JavaScriptHostCalls javaScript) {

	RunContext {
		Objects.requireNonNull(wasi, "wasi");
		Objects.requireNonNull(outboundHttp, "outboundHttp");
	}

	/** The context of a module's run: its WASI context is built from the request. */
	static RunContext of(RunRequest request) {
		WasiContext.Builder wasi = WasiContext.builder()
			.stdin(request.stdin())
			.stdoutLimit(request.stdoutLimit())
			.stderrLimit(request.stderrLimit())
			.arguments(request.arguments())
			.environment(request.environment())
			.maxOpenFiles(request.maxOpenFiles())
			.maxDiskWrite(request.maxDiskWrite());
		for (MountedFolder mount : request.mounts()) {
			wasi.preopen(mount.preopen());
		}
		return new RunContext(wasi.build(), request.outboundHttp(), null);
	}

	/** The state of the JavaScript engine's calls; fails outside JavaScript runs. */
	JavaScriptHostCalls requireJavaScript() {
		if (this.javaScript == null) {
			throw new IllegalStateException("chicory.invoke was called outside of a JavaScript run");
		}
		return this.javaScript;
	}

}
