package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

import com.dylibso.chicory.wasm.Version;
import com.dylibso.chicory.wasm.types.FunctionBody;
import com.dylibso.chicory.wasm.types.OpCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompileCacheTests {

	private static final byte[] PRINTS_A = printing('A');

	private static final byte[] PRINTS_B = printing('B');

	@TempDir
	Path folder;

	@Test
	void aLaterEngineLoadsTheClassesAnEarlierOneCompiled() throws Exception {
		CompileCache cache = CompileCache.in(this.folder);
		assertThat(output(new WasmEngine(cache).compile("a", PRINTS_A))).isEqualTo("A");
		Path entryOfA = single(entries());
		assertThat(output(new WasmEngine(cache).compile("b", PRINTS_B))).isEqualTo("B");
		Path entryOfB = entries().stream().filter((entry) -> !entry.equals(entryOfA)).findFirst().orElseThrow();

		// An entry holds code that is run as it is: with B's classes under A's key, A
		// prints B.
		Files.copy(entryOfB, entryOfA, StandardCopyOption.REPLACE_EXISTING);

		assertThat(output(new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A))).isEqualTo("B");
		assertThat(output(new WasmEngine().compile("a", PRINTS_A))).isEqualTo("A");
	}

	@Test
	void aCWorkerWhoseClassesAreKeptIsReadWithStubBodiesAndAnswersAsCompiled() throws Exception {
		byte[] hello = Files.readAllBytes(Path.of("../sample-app/workers/hello.wasm"));
		String input = "{\"url\":\"http://localhost/hello\",\"method\":\"GET\",\"headers\":{},\"body\":\"\","
				+ "\"kv\":{},\"params\":{}}";

		CompiledProgram compiled = (CompiledProgram) new WasmEngine(CompileCache.in(this.folder)).compile("hello",
				hello);
		CompiledProgram loaded = (CompiledProgram) new WasmEngine(CompileCache.in(this.folder)).compile("hello", hello);

		assertThat(bodies(compiled)).noneMatch(CompileCacheTests::isStub);
		assertThat(bodies(loaded)).hasSameSizeAs(bodies(compiled)).allMatch(CompileCacheTests::isStub);
		String answer = output(loaded, input);
		assertThat(answer).contains("Hello from a C worker").isEqualTo(output(compiled, input));
		assertThat(single(entries()).getFileName().toString()).endsWith("-compiled.jar");
	}

	@Test
	void anIntactEntryWhoseClassesCannotBeLoadedLoadsItsWorkerButFailsEachOfItsRunsSayingSo() throws Exception {
		new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A);
		byte[] payload = "not classes".getBytes(StandardCharsets.US_ASCII);
		ByteBuffer entry = ByteBuffer.allocate(8 + 4 + 32 + payload.length);
		entry.put("WWSCLASS".getBytes(StandardCharsets.US_ASCII))
			.putInt(1)
			.put(MessageDigest.getInstance("SHA-256").digest(payload))
			.put(payload);
		Files.write(single(entries()), entry.array());

		// The classes are defined on the first run, not when the worker is loaded.
		WasmProgram program = new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A);

		for (int run = 0; run < 2; run++) {
			RunResult result = run(program, "");
			assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
			assertThat(result.detail()).contains("the classes of worker 'a' kept in the compile cache cannot be loaded")
				.contains("delete the compile cache folder");
		}
	}

	@Test
	void runsThatStartAtOnceOnAWorkerLoadedFromTheCacheAllAnswer() throws Exception {
		new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A);
		WasmProgram loaded = new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A);
		int runs = 8;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(runs);
		try {
			List<Future<String>> outputs = new ArrayList<>();
			for (int i = 0; i < runs; i++) {
				outputs.add(threads.submit(() -> {
					start.await();
					return output(loaded);
				}));
			}
			start.countDown();
			for (Future<String> output : outputs) {
				assertThat(output.get()).isEqualTo("A");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aCorruptOrTruncatedEntryIsCompiledAgainAndReplaced() throws Exception {
		new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A);
		Path entry = single(entries());
		byte[] flipped = Files.readAllBytes(entry);
		flipped[flipped.length - 10] ^= 1;
		for (byte[] corrupt : List.of(flipped, new byte[] { 'W', 'W', 'S' })) {
			Files.write(entry, corrupt);

			assertThat(output(new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A))).isEqualTo("A");
			byte[] rewritten = Files.readAllBytes(entry);
			assertThat(new String(rewritten, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("WWSCLASS");
			assertThat(Arrays.equals(rewritten, corrupt)).isFalse();

			// The new entry is intact: the next start reads it and leaves it as it is.
			assertThat(output(new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A))).isEqualTo("A");
			assertThat(Files.readAllBytes(entry)).isEqualTo(rewritten);
		}
	}

	@Test
	void enginesWritingTheSameEntryAtOnceLeaveOneCompleteEntry() throws Exception {
		CompileCache cache = CompileCache.in(this.folder);
		ExecutorService threads = Executors.newFixedThreadPool(4);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<String>> outputs = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				outputs.add(threads.submit(() -> {
					start.await();
					return output(new WasmEngine(cache).compile("a", PRINTS_A));
				}));
			}
			start.countDown();
			for (Future<String> output : outputs) {
				assertThat(output.get()).isEqualTo("A");
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(entries()).hasSize(1);
		try (Stream<Path> files = Files.list(versionFolder())) {
			assertThat(files.filter((file) -> file.toString().endsWith(".tmp"))).isEmpty();
		}
		assertThat(output(new WasmEngine(CompileCache.in(this.folder)).compile("a", PRINTS_A))).isEqualTo("A");
	}

	@Test
	void removesTemporaryFilesThatAnInterruptedWriterLeftLongAgo() throws IOException {
		Files.createDirectories(versionFolder());
		Path abandoned = Files.writeString(versionFolder().resolve("abc-compiled.jar123.tmp"), "partial");
		Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
		Path inProgress = Files.writeString(versionFolder().resolve("def-compiled.jar456.tmp"), "partial");

		CompileCache.in(this.folder);

		assertThat(abandoned).doesNotExist();
		assertThat(inProgress).exists();
	}

	@Test
	void refusesAFolderThatCannotBeCreated() throws IOException {
		Path file = Files.writeString(this.folder.resolve("a-file"), "not a folder");

		assertThatIOException().isThrownBy(() -> CompileCache.in(file.resolve("cache")));
	}

	@Test
	void keepsAModuleWithFunctionsLeftToTheInterpreterUnderItsOwnEntry() throws Exception {
		StringBuilder body = new StringBuilder();
		for (int i = 0; i < 12_000; i++) {
			body.append("(local.set $x (i32.add (local.get $x) (i32.const ").append(i).append(")))\n");
		}
		byte[] huge = Wat.command("""
				(memory 1)
				(func $huge (result i32) (local $x i32)
				%s
				  (local.get $x))
				(func (export "_start") (call $print (i32.and (call $huge) (i32.const 7))))
				""".formatted(body));

		String first = output(new WasmEngine(CompileCache.in(this.folder)).compile("huge", huge));
		Path entry = single(entries());
		byte[] stored = Files.readAllBytes(entry);
		String second = output(new WasmEngine(CompileCache.in(this.folder)).compile("huge", huge));

		assertThat(first).isEqualTo(second).isEqualTo(String.valueOf((11_999 * 12_000 / 2) & 7));
		assertThat(entry.getFileName().toString()).contains("-interpreting-");
		assertThat(single(entries())).isEqualTo(entry);
		assertThat(Files.readAllBytes(entry)).isEqualTo(stored);
	}

	@Test
	void refusesAFolderOtherUsersMayWrite() throws IOException {
		Assumptions.assumeTrue(this.folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
		Path shared = Files.createDirectory(this.folder.resolve("shared"));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

		assertThatIOException().isThrownBy(() -> CompileCache.in(shared))
			.withMessageContaining("may be written by other users");
	}

	@Test
	void createsItsFolderPrivateToTheServersUser() throws IOException {
		Assumptions.assumeTrue(this.folder.getFileSystem().supportedFileAttributeViews().contains("posix"));
		Path cache = this.folder.resolve(".wws/compiled");

		CompileCache.in(cache);

		for (Path created : List.of(cache.getParent(), cache, versionFolder(cache))) {
			assertThat(Files.getPosixFilePermissions(created)).noneMatch(
					(permission) -> permission.name().startsWith("GROUP") || permission.name().startsWith("OTHERS"));
		}
	}

	private Path versionFolder() {
		return versionFolder(this.folder);
	}

	private static Path versionFolder(Path cache) {
		return cache.resolve("chicory-" + Version.version());
	}

	private List<Path> entries() throws IOException {
		try (Stream<Path> files = Files.list(versionFolder())) {
			return files.filter((file) -> file.toString().endsWith(".jar")).toList();
		}
	}

	private static Path single(List<Path> paths) {
		assertThat(paths).hasSize(1);
		return paths.get(0);
	}

	private static List<FunctionBody> bodies(CompiledProgram program) {
		return Arrays.asList(program.module().codeSection().functionBodies());
	}

	private static boolean isStub(FunctionBody body) {
		return body.instructions()
			.stream()
			.map((instruction) -> instruction.opcode())
			.toList()
			.equals(List.of(OpCode.UNREACHABLE, OpCode.END));
	}

	private static String output(WasmProgram program) {
		return output(program, "");
	}

	private static String output(WasmProgram program, String input) {
		RunResult result = run(program, input);
		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		return new String(result.stdout(), StandardCharsets.UTF_8);
	}

	private static RunResult run(WasmProgram program, String input) {
		return program.run(new RunRequest(input.getBytes(StandardCharsets.UTF_8), Map.of(), List.of(), 1 << 16, 1000,
				16, List.of()));
	}

	/** A module whose code (not its data) writes the given character. */
	private static byte[] printing(char character) {
		return Wat.command("""
				(memory 1)
				(func (export "_start")
				  (i32.store8 (i32.const 1024) (i32.const %d))
				  (call $write (i32.const 1) (i32.const 1024) (i32.const 1)))
				""".formatted((int) character));
	}

}
