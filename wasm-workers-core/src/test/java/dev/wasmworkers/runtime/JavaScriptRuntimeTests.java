package dev.wasmworkers.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.CompileCache;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.RunStatus;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.protocol.WorkerOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Loading JavaScript workers and running them: both handler styles, variables, errors at
 * start-up and per request, isolation between runs, and the limits every worker has.
 */
class JavaScriptRuntimeTests {

	@TempDir
	Path folder;

	@Test
	void runsJsFilesOnly() {
		assertThat(JsWorkers.runtime.extensions()).containsExactly("js");
	}

	@Test
	void theServersRuntimeKeepsTheEnginesImageInTheCompileCacheAndTheNextStartsFromIt() throws Exception {
		Path cache = this.folder.resolve("cache");
		JavaScriptRuntime first = javaScriptRuntimeOf(WorkerRuntimes.defaults(new WasmEngine(CompileCache.in(cache))));
		JavaScriptRuntime next = javaScriptRuntimeOf(WorkerRuntimes.defaults(new WasmEngine(CompileCache.in(cache))));

		assertThat(first.engine("first.js").startedFromKeptImage()).isFalse();
		assertThat(next.engine("next.js").startedFromKeptImage()).isTrue();
		WasmProgram program = JsWorkers.load(next, this.folder, "hello.js",
				"addEventListener('fetch', (e) => e.respondWith(new Response('Hello')));", Map.of());
		assertThat(JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/hello"))).data())
			.isEqualTo("Hello");
	}

	private static JavaScriptRuntime javaScriptRuntimeOf(WorkerRuntimes runtimes) {
		return (JavaScriptRuntime) runtimes.forExtension("js").orElseThrow();
	}

	@Test
	void runsAServiceWorkerStyleWorker() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "hello.js", """
				addEventListener("fetch", (event) => {
				  event.respondWith(new Response("Hello " + event.request.url));
				});
				""");

		WorkerOutput output = JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/hello")));

		assertThat(output.data()).isEqualTo("Hello http://localhost/hello");
		assertThat(output.status()).isEqualTo(200);
		assertThat(output.headers()).isEmpty();
		assertThat(output.kv()).isEmpty();
		assertThat(program.compileTime()).isPositive();
	}

	@Test
	void runsAServiceWorkerThatRespondsWithAPromise() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "async.js",
				"""
						const later = (value) => new Promise((resolve) => queueMicrotask(() => resolve(value)));
						addEventListener("fetch", (event) => {
						  event.respondWith(later("async").then(async (word) => new Response(word + " " + await later("done"))));
						});
						""");

		assertThat(JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/async"))).data())
			.isEqualTo("async done");
	}

	@Test
	void runsAnEsModuleWithADefaultExportWithAFetchMethod() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "module.js", """
				const greet = async (name) => `Hello, ${name}`;
				export default {
				  async fetch(request, env) {
				    return new Response(await greet(request.method) + " " + env.WHO);
				  },
				};
				""", Map.of("WHO", "module"));

		assertThat(JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/module"))).data())
			.isEqualTo("Hello, GET module");
	}

	@Test
	void runsAnEsModuleThatExportsItsHandlerAsDefault() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "app.js", """
				const app = { fetch: (request) => new Response("app " + new URL(request.url).pathname) };
				export { app as default };
				""");

		assertThat(JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/app/x"))).data())
			.isEqualTo("app /app/x");
	}

	@Test
	void varsAreConstantsWithTheirExactValues() throws Exception {
		String value = "quote \" backslash \\ newline \n unicode é € 𝄞 dollar $x percent %d";
		WasmProgram program = JsWorkers.load(this.folder, "vars.js", """
				addEventListener("fetch", (event) => {
				  let assigned;
				  try {
				    MESSAGE = "changed";
				    assigned = "assigned";
				  } catch (error) {
				    assigned = error.name;
				  }
				  event.respondWith(new Response(JSON.stringify({ MESSAGE, OTHER, assigned })));
				});
				""", Map.of("MESSAGE", value, "OTHER", "", "not-an-identifier", "x", "class", "y"));

		String data = JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/vars"))).data();

		assertThat(JsWorkers.json.readTree(data).get("MESSAGE").stringValue()).isEqualTo(value);
		assertThat(JsWorkers.json.readTree(data).get("OTHER").stringValue()).isEmpty();
		assertThat(JsWorkers.json.readTree(data).get("assigned").stringValue()).isEqualTo("TypeError");
	}

	@Test
	void aSyntaxErrorFailsTheWorkerWithItsFileLineColumnAndMessage() {
		assertThatExceptionOfType(WorkerLoadException.class)
			.isThrownBy(() -> JsWorkers.load(this.folder, "broken/bad.js", """
					const a = 1;
					function f() {
					  return a +;
					}
					""", Map.of("SOME", "var")))
			.satisfies((ex) -> assertThat(ex.workerName()).isEqualTo("broken/bad.js"))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo("SyntaxError at broken/bad.js:3:13: unexpected token in expression: ';'"));
	}

	@Test
	void aSyntaxErrorOnTheFirstLineHasTheColumnOfTheWorkersOwnCode() {
		assertThatExceptionOfType(WorkerLoadException.class)
			.isThrownBy(() -> JsWorkers.load(this.folder, "first.js", "let x = ;\n", Map.of("A", "b")))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo("SyntaxError at first.js:1:9: unexpected token in expression: ';'"));
	}

	@Test
	void redeclaringAVarIsASyntaxErrorAsInWws() {
		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(
				() -> JsWorkers.load(this.folder, "redeclared.js", "\nconst MESSAGE = 1;\n", Map.of("MESSAGE", "var")))
			.satisfies((ex) -> assertThat(ex.reason()).startsWith("SyntaxError at redeclared.js:2:"));
	}

	@Test
	void anImportOfAnotherFileIsRefusedWithAHint() {
		assertThatExceptionOfType(WorkerLoadException.class)
			.isThrownBy(() -> JsWorkers.load(this.folder, "imports.js", "import { x } from './lib.js';\n"))
			.satisfies((ex) -> assertThat(ex.reason())
				.startsWith("cannot import 'lib.js': a JavaScript worker is one file"));
	}

	@Test
	void aFileThatIsNotUtf8IsRefused() throws Exception {
		Path file = Files.write(this.folder.resolve("latin1.js"), new byte[] { 'x', (byte) 0xe9, ';' });
		WorkerSource source = new WorkerSource(file, "latin1.js", "js", WorkerRoute.parse("/latin1"));

		assertThatExceptionOfType(WorkerLoadException.class)
			.isThrownBy(() -> JsWorkers.runtime.load(source, JsWorkers.config(Map.of())))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("the file is not valid UTF-8 text"));
	}

	@Test
	void aHashbangAndAByteOrderMarkAreAccepted() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "bang.js", """
				\uFEFF#!/usr/bin/env node
				addEventListener("fetch", (event) => event.respondWith(new Response("bang")));
				""");

		assertThat(JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/bang"))).data())
			.isEqualTo("bang");
	}

	@Test
	void anExceptionInTheHandlerFailsTheRunWithItsMessageAndStack() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "js/throws.js", """
				function check(request) {
				  throw new TypeError("no " + request.method);
				}
				addEventListener("fetch", (event) => {
				  event.respondWith(check(event.request));
				});
				""", Map.of("A", "b"));

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/throws"));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).isEqualTo("uncaught exception: TypeError: no GET (js/throws.js:2:9)");
		assertThat(JsWorkers.stderr(result)).isEqualTo("""
				Uncaught TypeError: no GET
				    at check (js/throws.js:2:9)
				    at <anonymous> (js/throws.js:5:21)
				""");
		assertThat(result.stdout()).isEmpty();
	}

	@Test
	void aRejectedPromiseFailsTheRun() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "rejects.js", """
				export default { fetch: async () => { await null; throw "plain string"; } };
				""");

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/rejects"));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).isEqualTo("uncaught exception: plain string");
		assertThat(JsWorkers.stderr(result)).isEqualTo("Uncaught plain string\n");
	}

	@Test
	void anExceptionWhileTheModuleIsEvaluatedFailsTheRunWithItsPosition() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "top.js", """
				const config = null;
				const port = config.port;
				""");

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/top"));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).isEqualTo("uncaught exception: cannot read property 'port' of null (top.js:2:21)");
		assertThat(JsWorkers.stderr(result)).isEqualTo(
				"Uncaught cannot read property 'port' of null (top.js:2:21)\n    at <anonymous> (top.js:2:21)\n");
	}

	@Test
	void aWorkerWithoutHandlerFailsEachRunSayingSo() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "nothing.js", "const unused = 1;\n");

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/nothing"));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).startsWith("the worker registers no fetch handler");
	}

	@Test
	void aHandlerThatDoesNotRespondOrAnswersSomethingElseFailsTheRun() throws Exception {
		WasmProgram silent = JsWorkers.load(this.folder, "silent.js", "addEventListener('fetch', () => {});\n");
		WasmProgram wrong = JsWorkers.load(this.folder, "wrong.js",
				"addEventListener('fetch', (e) => e.respondWith('just text'));\n");
		WasmProgram defaultFunction = JsWorkers.load(this.folder, "fn.js",
				"export default function () { return new Response(''); }\n");

		assertThat(JsWorkers.run(silent, JsWorkers.get("http://localhost/silent")).detail())
			.isEqualTo("the fetch handler did not call event.respondWith()");
		assertThat(JsWorkers.run(wrong, JsWorkers.get("http://localhost/wrong")).detail())
			.isEqualTo("the handler must answer a Response, but answered a string");
		assertThat(JsWorkers.run(defaultFunction, JsWorkers.get("http://localhost/fn")).detail())
			.isEqualTo("the module's default export must be an object with a fetch(request) method");
	}

	@Test
	void aHandlerWhosePromiseNeverSettlesFailsTheRun() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "never.js",
				"addEventListener('fetch', (e) => e.respondWith(new Promise(() => {})));\n");

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/never"));

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).isEqualTo("the worker answered nothing: its handler's promise never settled");
	}

	@Test
	void nothingLeaksFromOneRunToTheNext() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "state.js",
				"""
						let count = 0;
						addEventListener("fetch", (event) => {
						  count += 1;
						  globalThis.visits = (globalThis.visits || 0) + 1;
						  Response.prototype.leaked = "yes";
						  Cache.set("seen", "1");
						  event.respondWith(new Response(`${count} ${globalThis.visits} ${Object.keys(Response.prototype).length}`));
						});
						""");

		for (int i = 0; i < 3; i++) {
			WorkerOutput output = JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/state")));
			assertThat(output.data()).isEqualTo("1 1 1");
			assertThat(output.kv()).containsExactly(Map.entry("seen", "1"));
		}
	}

	@Test
	void runsConcurrentlyOnSeveralThreads() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "concurrent.js", """
				addEventListener("fetch", (event) =>
				  event.respondWith(new Response(new URL(event.request.url).searchParams.get("n"))));
				""");

		List<CompletableFuture<String>> answers = java.util.stream.IntStream.range(0, 40)
			.mapToObj((n) -> CompletableFuture.supplyAsync(
					() -> JsWorkers.output(JsWorkers.run(program, JsWorkers.get("http://localhost/concurrent?n=" + n)))
						.data()))
			.toList();

		for (int n = 0; n < answers.size(); n++) {
			assertThat(answers.get(n).get(1, TimeUnit.MINUTES)).isEqualTo(String.valueOf(n));
		}
	}

	@Test
	@Timeout(60)
	void anEndlessLoopStopsWhenTheThreadIsInterrupted() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "loop.js", """
				addEventListener("fetch", (event) => {
				  let n = 0;
				  for (;;) {
				    n++;
				  }
				});
				""");
		AtomicReference<RunResult> result = new AtomicReference<>();
		Thread runner = new Thread(() -> result.set(JsWorkers.run(program, JsWorkers.get("http://localhost/loop"))));
		runner.start();
		Thread.sleep(300);

		runner.interrupt();
		runner.join(TimeUnit.SECONDS.toMillis(30));

		assertThat(runner.isAlive()).isFalse();
		assertThat(result.get().status()).isEqualTo(RunStatus.INTERRUPTED);
	}

	@Test
	void aMemoryBombStopsAtTheMemoryCap() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "bomb.js", """
				const kept = [];
				addEventListener("fetch", (event) => {
				  for (;;) {
				    kept.push(new Uint8Array(1024 * 1024).fill(1));
				  }
				});
				""");

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/bomb"), 256);

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).containsAnyOf("out of memory", "InternalError");
	}

	@Test
	void aMemoryCapBelowWhatTheEngineNeedsFailsEachRunSayingSo() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "small.js",
				"addEventListener('fetch', (e) => e.respondWith(new Response('x')));\n");

		RunResult result = JsWorkers.run(program, JsWorkers.get("http://localhost/small"), 4);

		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).startsWith("the JavaScript engine needs ").endsWith("but the limit is 4");
	}

	@Test
	void writingMoreThanTheStdoutLimitStopsTheRun() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "big.js",
				"addEventListener('fetch', (e) => e.respondWith(new Response('x'.repeat(200000))));\n");
		RunRequest request = new RunRequest(JsWorkers.protocol.encode(JsWorkers.get("http://localhost/big")), Map.of(),
				List.of(), 100_000, 1 << 16, 2048, List.of());

		RunResult result = program.run(request);

		assertThat(result.status()).isEqualTo(RunStatus.STDOUT_LIMIT_EXCEEDED);
		assertThat(result.stdout()).hasSize(100_000);
	}

	@Test
	void stderrIsCutAtItsLimitWithoutFailingTheRun() throws Exception {
		WasmProgram program = JsWorkers.load(this.folder, "chatty.js", """
				addEventListener("fetch", (event) => {
				  for (let i = 0; i < 1000; i++) console.log("line " + i);
				  event.respondWith(new Response("said a lot"));
				});
				""");
		RunRequest request = new RunRequest(JsWorkers.protocol.encode(JsWorkers.get("http://localhost/chatty")),
				Map.of(), List.of(), 1 << 16, 100, 2048, List.of());

		RunResult result = program.run(request);

		assertThat(JsWorkers.output(result).data()).isEqualTo("said a lot");
		assertThat(new String(result.stderr(), StandardCharsets.UTF_8)).hasSize(100).startsWith("line 0\n");
	}

}
