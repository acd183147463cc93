package dev.wasmworkers.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.engine.TestPrograms;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.runtime.WorkerRuntime;
import dev.wasmworkers.runtime.WorkerRuntimes;
import dev.wasmworkers.http.OutboundHttpClient;
import dev.wasmworkers.http.OutboundHttpSettings;
import dev.wasmworkers.kv.OnConflict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkerLoaderTests {

	private static final String COUNTER_JS = """
			addEventListener("fetch", (event) => {
			  const count = Number(Cache.get("count") || "0") + 1;
			  Cache.set("count", String(count));
			  event.respondWith(new Response("count " + count));
			});
			""";

	private final WorkerConfigReader configReader = new WorkerConfigReader(Map.<String, String>of()::get);

	private static final OutboundHttpClient HTTP = new OutboundHttpClient(OutboundHttpSettings.defaults());

	@TempDir
	Path root;

	@Test
	void eachFileIsLoadedByTheRuntimeOfItsExtension() throws IOException {
		WorkerLoader loader = new WorkerLoader(new WorkerRuntimes(List.of(new Fixed("a"), new Fixed("b"))),
				this.configReader, HTTP);

		Worker a = loader.load(source("one.a", "a"));
		Worker b = loader.load(source("two.b", "b"));

		assertThat(a.program()).containsSame(Fixed.PROGRAMS.get("a"));
		assertThat(b.program()).containsSame(Fixed.PROGRAMS.get("b"));
	}

	@Test
	void aFileWithoutRuntimeIsAFailedWorker() throws IOException {
		WorkerLoader loader = new WorkerLoader(new WorkerRuntimes(List.of(new Fixed("a"))), this.configReader, HTTP);

		Worker worker = loader.load(source("three.c", "c"));

		assertThat(worker.failure()).contains("no runtime runs .c files");
	}

	@Test
	void aJavaScriptSyntaxErrorIsAFailedWorkerNamingFileLineAndMessage() throws IOException {
		WorkerLoader loader = new WorkerLoader(new WasmEngine(), this.configReader);
		Files.writeString(this.root.resolve("broken.js"),
				"addEventListener('fetch', (e) => {\n  e.respondWith(;\n});\n");

		Worker worker = loader.load(source("broken.js", "js"));

		assertThat(worker.program()).isEmpty();
		assertThat(worker.failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.endsWith("SyntaxError at broken.js:2:17: unexpected token in expression: ';'"));
	}

	@Test
	void anErrorThrownWhileCompilingFailsThatWorkerOnlyWithItsReason() throws IOException {
		WorkerLoader loader = new WorkerLoader(new WorkerRuntimes(List.of(new Fixed("a"), new Throwing("b"))),
				this.configReader, HTTP);

		Worker failing = loader.load(source("deep.b", "b"));
		Worker served = loader.load(source("fine.a", "a"));

		assertThat(failing.failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.endsWith("cannot be compiled: java.lang.StackOverflowError: deep in the compiler"));
		assertThat(served.program()).isPresent();
	}

	@Test
	void theDefaultRuntimesRunWasmAndJsFilesAndFindPyFiles() {
		assertThat(WorkerRuntimes.defaults(new WasmEngine()).extensions()).containsExactlyInAnyOrder("wasm", "js",
				"py");
	}

	@Test
	void withoutThePythonModuleAPyFileIsAFailedWorkerNamingTheDependency() throws IOException {
		WorkerLoader loader = new WorkerLoader(new WasmEngine(), this.configReader);
		Files.writeString(this.root.resolve("hello.py"), "def worker(request):\n    return Response('hi')\n");

		Worker worker = loader.load(source("hello.py", "py"));

		assertThat(worker.program()).isEmpty();
		assertThat(worker.failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.endsWith("Python workers need the Python runtime module: add the dependency"
					+ " dev.wasmworkers:wasm-workers-runtime-python to the application"));
	}

	@Test
	void twoRuntimesCannotClaimTheSameExtension() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new WorkerRuntimes(List.of(new Fixed("a"), new Fixed("a"))))
			.withMessageContaining("Two runtimes run .a files");
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerRuntimes(List.of()));
	}

	@Test
	void aWorkerImportingOutboundHttpCannotRetryOnConflict() throws IOException {
		Files.copy(Path.of("../sample-app/test-workers/fetch.wasm"), this.root.resolve("fetch.wasm"));
		Files.writeString(this.root.resolve("fetch.toml"), """
				[data.kv]
				namespace = "ns"
				on_conflict = "retry"
				""");

		Worker worker = loader(OnConflict.LAST_WRITER_WINS).load(source("fetch.wasm", "wasm"));

		assertThat(worker.program()).isEmpty();
		assertThat(worker.failure()).contains("[data.kv] on_conflict = \"retry\" cannot apply to a worker that may "
				+ "send outbound HTTP requests (it imports http.send-http-request): each run after a KV conflict "
				+ "would send them again; remove on_conflict or set it to \"last-writer-wins\"");
	}

	@Test
	void aWorkerImportingOutboundHttpCannotTakeRetryAsTheDefault() throws IOException {
		Files.copy(Path.of("../sample-app/test-workers/fetch.wasm"), this.root.resolve("fetch.wasm"));
		Files.writeString(this.root.resolve("fetch.toml"), """
				[data.kv]
				namespace = "ns"
				""");

		Worker worker = loader(OnConflict.RETRY).load(source("fetch.wasm", "wasm"));

		assertThat(worker.failure()).contains("wasm.workers.kv.on-conflict=retry cannot apply to a worker that may "
				+ "send outbound HTTP requests (it imports http.send-http-request): each run after a KV conflict "
				+ "would send them again; set on_conflict = \"last-writer-wins\" in its [data.kv] table");
	}

	@Test
	void aWorkerImportingOutboundHttpMayKeepLastWriterWinsOrHaveNoNamespaceWhenRetryIsTheDefault() throws IOException {
		Files.copy(Path.of("../sample-app/test-workers/fetch.wasm"), this.root.resolve("fetch.wasm"));
		Files.copy(Path.of("../sample-app/test-workers/fetch.wasm"), this.root.resolve("plain.wasm"));
		Files.writeString(this.root.resolve("fetch.toml"), """
				[data.kv]
				namespace = "ns"
				on_conflict = "last-writer-wins"
				""");
		WorkerLoader loader = loader(OnConflict.RETRY);

		assertThat(loader.load(source("fetch.wasm", "wasm")).failure()).isEmpty();
		assertThat(loader.load(source("plain.wasm", "wasm")).failure()).isEmpty();
	}

	@Test
	void aJavaScriptWorkerAllowedToFetchCannotRetryOnConflict() throws IOException {
		Files.writeString(this.root.resolve("counter.js"), COUNTER_JS);
		Files.writeString(this.root.resolve("counter.toml"), """
				[data.kv]
				namespace = "ns"
				on_conflict = "retry"

				[features.http_requests]
				allowed_hosts = ["example.com"]
				""");

		Worker worker = loader(OnConflict.LAST_WRITER_WINS).load(source("counter.js", "js"));

		assertThat(worker.failure()).hasValueSatisfying((reason) -> assertThat(reason)
			.startsWith("[data.kv] on_conflict = \"retry\" cannot apply to a worker that may send outbound HTTP "
					+ "requests ([features.http_requests] allows hosts)"));
	}

	@Test
	void workersThatCannotSendRequestsMayRetryOnConflict() throws IOException {
		Files.writeString(this.root.resolve("counter.js"), COUNTER_JS);
		Files.copy(Path.of("../sample-app/workers/counter.wasm"), this.root.resolve("counter.wasm"));
		Files.writeString(this.root.resolve("counter.toml"), """
				[data.kv]
				namespace = "ns"
				on_conflict = "retry"
				""");
		WorkerLoader loader = loader(OnConflict.LAST_WRITER_WINS);

		assertThat(loader.load(source("counter.js", "js")).failure()).isEmpty();
		assertThat(loader.load(source("counter.wasm", "wasm")).failure()).isEmpty();
	}

	private WorkerLoader loader(OnConflict defaultOnConflict) {
		return new WorkerLoader(WorkerRuntimes.defaults(new WasmEngine()), this.configReader, HTTP, LoadLimits.DEFAULTS,
				new KvConflictSettings(defaultOnConflict, 3));
	}

	private WorkerSource source(String name, String extension) throws IOException {
		Path file = this.root.resolve(name);
		if (!Files.exists(file)) {
			Files.writeString(file, "");
		}
		return new WorkerSource(file, name, extension, WorkerRoute.parse("/" + name.substring(0, name.indexOf('.'))));
	}

	/** A runtime whose compiler overflows its stack on every file. */
	private record Throwing(String extension) implements WorkerRuntime {

		@Override
		public Set<String> extensions() {
			return Set.of(this.extension);
		}

		@Override
		public WasmProgram load(WorkerSource source, WorkerConfig config) {
			throw new StackOverflowError("deep in the compiler");
		}

	}

	/** A runtime that answers the same program for every file. */
	private record Fixed(String extension) implements WorkerRuntime {

		static final Map<String, WasmProgram> PROGRAMS = Map.of("a", TestPrograms.ok(), "b", TestPrograms.ok());

		@Override
		public Set<String> extensions() {
			return Set.of(this.extension);
		}

		@Override
		public WasmProgram load(WorkerSource source, WorkerConfig config) {
			return PROGRAMS.get(this.extension);
		}

	}

}
