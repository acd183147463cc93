package dev.wasmworkers.engine.python;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.management.ObjectName;

import dev.wasmworkers.engine.MountedFolder;
import dev.wasmworkers.engine.RunRequest;
import dev.wasmworkers.engine.RunResult;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.engine.WorkerLoadException;
import dev.wasmworkers.engine.memory.SpareBlocks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Python engine without a server: snapshots share the runtime image's pages, a run
 * answers the wws output document, and the guest folder places mounts under /guest. The
 * HTTP tests of the sample app cover the worker API.
 */
class PythonEngineTests {

	private static final PythonEngine engine = PythonEngine.start();

	private static final String REQUEST = "{\"url\":\"http://localhost/x?a=1\",\"method\":\"PUT\",\"headers\":{},"
			+ "\"body\":\"payload\",\"kv\":{\"k\":\"v\"},\"params\":{\"id\":\"7\"}}";

	@TempDir
	Path folder;

	@Test
	void startingRaisesTheCompilerNodeLimitForCPythonsClasses() throws Exception {
		String directives = (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesPrint",
					new Object[] { new String[0] }, new String[] { String[].class.getName() });

		assertThat(directives).containsPattern(
				"matching: io/trino/wasm/python/PythonMachine\\*\\.\\*\\n(?:.*\\n)*?\\s*c2 directives:\\n.*\\n.*MaxNodeLimit:240000");
	}

	@Test
	void aWorkersSnapshotSharesAllButAFewPagesWithTheRuntimeImage() throws WorkerLoadException {
		PythonProgram program = (PythonProgram) engine.load("hello.py",
				"def worker(request):\n    return Response('hi')\n", Map.of(), List.of());

		assertThat(program.ownBytes()).as("bytes of its own").isBetween(4096L, 160L * 65536);
	}

	@Test
	void aRunAnswersTheOutputDocumentFromAFreshInstance() throws WorkerLoadException {
		WasmProgram program = engine.load("api.py", """
				import os
				calls = []

				def worker(request):
				    calls.append(1)
				    Cache.set('seen', Cache.get('k') + str(len(calls)))
				    Cache.delete('k')
				    response = Response(request.method + ' ' + request.body + ' ' + request.params['id'] + ' '
				                        + os.environ['GREETING'], status_code=201)
				    response.headers['x-url'] = request.url
				    return response
				""", Map.of("GREETING", "hello"), List.of());

		for (int i = 0; i < 2; i++) {
			RunResult result = program.run(request(REQUEST));

			assertThat(result.succeeded()).as(result.detail()).isTrue();
			assertThat(new String(result.stdout(), StandardCharsets.UTF_8))
				.isEqualTo("{\"data\": \"PUT payload 7 hello\", \"headers\": {\"x-url\": \"http://localhost/x?a=1\"}, "
						+ "\"status\": 201, \"kv\": {\"seen\": \"v1\"}, \"base64\": false}");
		}
	}

	@Test
	void aRunGivesTheBlocksItsMemoryCopiedToItsThread() throws WorkerLoadException {
		WasmProgram program = engine.load("hello.py", "def worker(request):\n    return Response('hi')\n", Map.of(),
				List.of());
		SpareBlocks.drain();

		RunResult result = program.run(request(REQUEST));

		assertThat(result.succeeded()).as(result.detail()).isTrue();
		assertThat(SpareBlocks.drain()).as("blocks CPython wrote").isPositive();
	}

	@Test
	void aMountIsSeenUnderGuestAtItsPath() throws Exception {
		Path data = Files.createDirectories(this.folder.resolve("data"));
		Files.writeString(data.resolve("note.txt"), "mounted");
		WasmProgram program = engine.load("read.py", """
				def worker(request):
				    with open('/guest/src/assets/note.txt') as file:
				        return Response(file.read())
				""", Map.of(), List.of(MountedFolder.of(data, "/src/assets")));

		RunResult result = program.run(request(REQUEST));

		assertThat(new String(result.stdout(), StandardCharsets.UTF_8)).startsWith("{\"data\": \"mounted\"");
	}

	@Test
	void aLinkOutOfAMountedFolderAndDotDotPathsCannotReadOutsideIt() throws Exception {
		Path data = Files.createDirectories(this.folder.resolve("data"));
		Path secret = Files.writeString(this.folder.resolve("secret.txt"), "outside");
		Files.createSymbolicLink(data.resolve("link.txt"), secret);
		WasmProgram program = engine.load("escape.py", """
				def attempt(path):
				    try:
				        with open(path) as file:
				            return 'read ' + file.read()
				    except OSError as error:
				        return type(error).__name__

				def worker(request):
				    return Response(' | '.join(attempt(path) for path in (
				        '/guest/data/link.txt', '/guest/data/../../secret.txt', '/guest/data/../secret.txt')))
				""", Map.of(), List.of(MountedFolder.of(data, "/data")));

		RunResult result = program.run(request(REQUEST));

		assertThat(result.succeeded()).as(result.detail()).isTrue();
		assertThat(new String(result.stdout(), StandardCharsets.UTF_8))
			.containsPattern("\"data\": \"\\w+Error \\| \\w+Error \\| \\w+Error\"");
	}

	@Test
	void guestPathsAreUnderGuest() {
		assertThat(GuestFolder.seenAt("/src/assets")).isEqualTo("/guest/src/assets");
		assertThat(GuestFolder.seenAt("/guest/data/")).isEqualTo("/guest/data");
		assertThat(GuestFolder.seenAt("/")).isEqualTo("/guest");
	}

	@Test
	void mountsAtTheGuestFolderItselfOrInsideEachOtherAreRefused() throws Exception {
		Path data = Files.createDirectories(this.folder.resolve("data"));

		assertThatExceptionOfType(WorkerLoadException.class)
			.isThrownBy(() -> engine.load("root.py", "", Map.of(), List.of(MountedFolder.of(data, "/"))))
			.withMessageContaining("that is the runtime's own folder");
		assertThatExceptionOfType(WorkerLoadException.class)
			.isThrownBy(() -> engine.load("nested.py", "", Map.of(),
					List.of(MountedFolder.of(data, "/a"), MountedFolder.of(data, "/a/b"))))
			.withMessageContaining("cannot mount folders inside each other");
	}

	private static RunRequest request(String document) {
		return new RunRequest(document.getBytes(StandardCharsets.UTF_8), Map.of(), List.of(), 1 << 20, 1 << 20, 1024,
				List.of());
	}

}
