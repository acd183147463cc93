package dev.wasmworkers.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.dylibso.chicory.wasm.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JavaScript engine's image and the workers' bytecode kept in the compile cache: a
 * later start reads them instead of starting QuickJS, evaluating the prelude and
 * compiling the workers, and runs as the first start did.
 */
class JavaScriptEngineImageTests {

	/** A prelude whose state (a global and an object in memory) the workers read. */
	private static final String PRELUDE = """
			const io = Javy.IO;
			globalThis.state = { greeting: 'kept', runs: 41 };
			globalThis.print = (text) => io.writeSync(1, new TextEncoder().encode(text));
			""";

	private static final String WORKER = "state.runs++; print(state.greeting + ' ' + state.runs);";

	@TempDir
	Path folder;

	@Test
	void aLaterStartReadsTheImageAnEarlierOneKeptAndRunsTheSame() throws Exception {
		JavaScriptEngine first = JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));
		Path image = single(images());

		JavaScriptEngine later = JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));

		assertThat(first.startedFromKeptImage()).isFalse();
		assertThat(later.startedFromKeptImage()).isTrue();
		assertThat(images()).containsExactly(image);
		assertThat(later.requiredPages()).isEqualTo(first.requiredPages());
		for (JavaScriptEngine engine : List.of(first, later, later)) {
			assertThat(output(engine, WORKER)).isEqualTo("kept 42");
		}
	}

	@Test
	void aDifferentPreludeStartsFromScratchAndKeepsAnImageOfItsOwn() throws Exception {
		JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));

		JavaScriptEngine other = JavaScriptEngine.start("kept.mjs", PRELUDE.replace("'kept'", "'other'"),
				CompileCache.in(this.folder));

		assertThat(other.startedFromKeptImage()).isFalse();
		assertThat(images()).hasSize(2);
		assertThat(output(other, WORKER)).isEqualTo("other 42");
	}

	@Test
	void aCorruptImageIsDeletedAndTheEngineStartsFromScratchAndKeepsItAgain() throws Exception {
		JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));
		Path image = single(images());
		byte[] bytes = Files.readAllBytes(image);
		bytes[bytes.length / 2] ^= 1;
		Files.write(image, bytes);

		JavaScriptEngine engine = JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));

		assertThat(engine.startedFromKeptImage()).isFalse();
		assertThat(output(engine, WORKER)).isEqualTo("kept 42");
		assertThat(JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder)).startedFromKeptImage())
			.isTrue();
	}

	@Test
	void anIntactEntryThatIsNotAnImageOfThisEngineIsNotUsed() throws Exception {
		CompileCache cache = CompileCache.in(this.folder);
		JavaScriptEngine.start("kept.mjs", PRELUDE, cache);
		Path image = single(images());
		String key = image.getFileName().toString().replace("-image.bin", "");
		byte[] kept = cache.kept(CompileCache.Kept.ENGINE_IMAGE, key);
		ByteBuffer oneGlobalLess = ByteBuffer.allocate(kept.length - Long.BYTES)
			.putInt(ByteBuffer.wrap(kept).getInt() - 1)
			.put(kept, Integer.BYTES + Long.BYTES, kept.length - Integer.BYTES - Long.BYTES);
		byte[] truncated = { 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7, 0, 0, 0, 16 };

		for (byte[] notAnImage : List.of(oneGlobalLess.array(), truncated)) {
			Files.delete(image);
			cache.keep(CompileCache.Kept.ENGINE_IMAGE, key, notAnImage);

			JavaScriptEngine engine = JavaScriptEngine.start("kept.mjs", PRELUDE, cache);

			assertThat(engine.startedFromKeptImage()).isFalse();
			assertThat(output(engine, WORKER)).isEqualTo("kept 42");
		}
	}

	@Test
	void aLaterStartRunsTheBytecodeAnEarlierOneKeptForTheSameSourceAndImage() throws Exception {
		String other = "print('other');";
		JavaScriptEngine first = JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));
		assertThat(output(first, WORKER)).isEqualTo("kept 42");
		Path keptOfWorker = single(bytecodes());
		assertThat(output(first, other)).isEqualTo("other");
		Path keptOfOther = bytecodes().stream().filter((kept) -> !kept.equals(keptOfWorker)).findFirst().orElseThrow();

		// Kept bytecode is run as it is: with the other worker's under this one's key,
		// this one prints what the other does.
		Files.copy(keptOfOther, keptOfWorker, StandardCopyOption.REPLACE_EXISTING);

		JavaScriptEngine later = JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));
		assertThat(output(later, WORKER)).isEqualTo("other");
		assertThat(output(JavaScriptEngine.start("kept.mjs", PRELUDE), WORKER)).isEqualTo("kept 42");
	}

	@Test
	void bytecodeIsKeptPerEngineImageAndNeverForASourceThatDoesNotCompile() throws Exception {
		JavaScriptEngine engine = JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.in(this.folder));
		assertThatExceptionOfType(JavaScriptSyntaxException.class)
			.isThrownBy(() -> engine.compile("broken.js", "print(", 0));
		assertThat(bytecodes()).isEmpty();

		output(engine, WORKER);
		JavaScriptEngine other = JavaScriptEngine.start("kept.mjs", PRELUDE.replace("'kept'", "'other'"),
				CompileCache.in(this.folder));
		assertThat(output(other, WORKER)).isEqualTo("other 42");
		assertThat(bytecodes()).hasSize(2);
	}

	@Test
	void withoutACacheNothingIsKept() throws Exception {
		JavaScriptEngine engine = JavaScriptEngine.start("kept.mjs", PRELUDE, CompileCache.none());

		assertThat(engine.startedFromKeptImage()).isFalse();
		assertThat(this.folder).isEmptyDirectory();
	}

	private List<Path> images() throws IOException {
		return kept("-image.bin");
	}

	private List<Path> bytecodes() throws IOException {
		return kept("-bytecode.bin");
	}

	private List<Path> kept(String suffix) throws IOException {
		try (Stream<Path> files = Files.list(this.folder.resolve("chicory-" + Version.version()))) {
			return files.filter((file) -> file.toString().endsWith(suffix)).toList();
		}
	}

	private static Path single(List<Path> paths) {
		assertThat(paths).hasSize(1);
		return paths.get(0);
	}

	private static String output(JavaScriptEngine engine, String source) throws JavaScriptSyntaxException {
		RunResult result = engine.compile("worker.js", source, 0)
			.run(new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1 << 16, 2048, List.of()));
		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		return new String(result.stdout(), StandardCharsets.UTF_8);
	}

}
