package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Components: the ones made by {@code jco new} in workers/build.sh from the C workers,
 * and small ones put together here section by section for each kind the server refuses.
 */
class AdaptedComponentTests {

	private static final String SUPPORTED = "; only components that wrap a WASI preview1 command module with the"
			+ " preview1 command adapter (wasm-tools component new --adapt, jco new --wasi-command) are supported";

	/** A preview1 command: prints 7. */
	private static final byte[] COMMAND = Wat
		.command("(memory (export \"memory\") 1) (func (export \"_start\") (call $print (i32.const 7)))");

	/** The shape of the preview1 command adapter: it runs the main module's _start. */
	private static final byte[] ADAPTER = Wat.module("""
			(import "__main_module__" "_start" (func $start))
			(import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
			(func (export "wasi:cli/run@0.2.0#run") (result i32) (call $start) (i32.const 0))
			""");

	private final WasmEngine engine = new WasmEngine();

	@Test
	void runsTheCommandModuleThatJcoWrappedInAComponent() throws Exception {
		byte[] component = Files.readAllBytes(Path.of("../sample-app/workers/components/echo.wasm"));
		String input = "{\"url\":\"http://localhost/components/echo\",\"method\":\"GET\",\"headers\":{},"
				+ "\"body\":\"\",\"kv\":{},\"params\":{}}";

		RunResult result = this.engine.compile("components/echo.wasm", component)
			.run(new RunRequest(input.getBytes(StandardCharsets.UTF_8), Map.of(), List.of(), 1 << 20, 1 << 16, 64,
					List.of()));

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(new String(result.stdout(), StandardCharsets.UTF_8)).contains("\"data\":" + quoted(input));
	}

	@Test
	void theWrappedModuleIsTheOriginalModuleByteForByte() throws Exception {
		byte[] component = Files.readAllBytes(Path.of("../sample-app/workers/components/echo.wasm"));

		assertThat(ComponentBinary.isComponent(component)).isTrue();
		assertThat(AdaptedComponent.commandModule("components/echo.wasm", component))
			.isEqualTo(Files.readAllBytes(Path.of("../sample-app/workers/echo.wasm")));
	}

	@Test
	void runsACommandModuleWrappedWithTheAdaptersShape() throws WorkerLoadException {
		RunResult result = this.engine.compile("made", component(COMMAND, ADAPTER)).run(request());

		assertThat(result.stdout()).asString().isEqualTo("7");
	}

	@Test
	void refusesAReactorWrappedWithTheReactorAdapter() throws IOException {
		byte[] component = Files.readAllBytes(Path.of("../sample-app/test-workers/reactor-component.wasm"));

		assertRefused(component, "is a WebAssembly component that wraps a WASI preview1 module without _start"
				+ " (a reactor, made with the reactor adapter)" + SUPPORTED);
	}

	@Test
	void refusesAPreview2Component() {
		byte[] core = Wat
			.module("""
					(import "wasi:cli/stdout@0.2.0" "get-stdout" (func (result i32)))
					(import "wasi:io/streams@0.2.0" "[method]output-stream.blocking-write-and-flush" (func (param i32 i32 i32 i32)))
					(import "wasi:cli/environment@0.2.0" "get-environment" (func (param i32)))
					(import "wasi:cli/exit@0.2.0" "exit" (func (param i32)))
					(memory (export "memory") 1)
					(func (export "wasi:cli/run@0.2.0#run") (result i32) (i32.const 0))
					""");

		assertRefused(component(core),
				"is a WebAssembly component built for WASI preview 2: its core code imports"
						+ " wasi:cli/environment@0.2.0, wasi:cli/exit@0.2.0, wasi:cli/stdout@0.2.0 and 1 more directly,"
						+ " with no WASI preview1 module inside" + SUPPORTED);
	}

	@Test
	void refusesACommandModuleWithoutTheAdapter() {
		assertRefused(component(COMMAND), "is a WebAssembly component whose WASI preview1 command module is not"
				+ " wrapped by the preview1 command adapter" + SUPPORTED);
	}

	@Test
	void refusesTwoCommandModules() {
		assertRefused(component(COMMAND, ADAPTER, COMMAND),
				"is a WebAssembly component that wraps 2 WASI preview1 command modules" + SUPPORTED);
	}

	@Test
	void refusesAComponentWithNoCoreModule() {
		assertRefused(component(), "is a WebAssembly component with no core module" + SUPPORTED);
	}

	@Test
	void refusesAComposition() {
		byte[] nested = section(4, component());

		assertRefused(concat(preamble(0x0d), nested, nested),
				"is a WebAssembly component made of 2 nested component(s), with no WASI preview1 module at its top level"
						+ SUPPORTED);
	}

	@Test
	void refusesAPreStandardEncoding() {
		assertRefused(preamble(0x0c), "is a WebAssembly component in binary version 0xc, a pre-standard encoding"
				+ " (the standard one is 0xd)" + SUPPORTED);
	}

	@Test
	void refusesATruncatedComponent() {
		byte[] whole = component(COMMAND, ADAPTER);
		byte[] truncated = Arrays.copyOf(whole, whole.length - 10);

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("cut", truncated))
			.satisfies((ex) -> assertThat(ex.reason())
				.startsWith("not a valid WebAssembly component: section 1 at byte " + (8 + section(1, COMMAND).length)
						+ " declares " + ADAPTER.length + " bytes, but only " + (ADAPTER.length - 10) + " remain"));
	}

	@Test
	void refusesACoreModuleThatIsNotOne() {
		byte[] component = concat(preamble(0x0d), section(1, "not a module".getBytes(StandardCharsets.UTF_8)));

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("junk", component))
			.satisfies(
					(ex) -> assertThat(ex.reason()).startsWith("not a valid WebAssembly component: core module 0: "));
	}

	private void assertRefused(byte[] component, String reason) {
		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("c.wasm", component))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	/** A component in the standard encoding holding the core modules, in order. */
	private static byte[] component(byte[]... coreModules) {
		byte[] result = preamble(0x0d);
		for (byte[] module : coreModules) {
			result = concat(result, section(1, module));
		}
		return result;
	}

	private static byte[] preamble(int version) {
		return new byte[] { 0x00, 0x61, 0x73, 0x6d, (byte) version, 0x00, 0x01, 0x00 };
	}

	private static byte[] section(int id, byte[] content) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(id);
		int size = content.length;
		do {
			int low = size & 0x7f;
			size >>>= 7;
			out.write((size != 0) ? (low | 0x80) : low);
		}
		while (size != 0);
		out.writeBytes(content);
		return out.toByteArray();
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static String quoted(String json) {
		return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static RunRequest request() {
		return new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1 << 16, 16, List.of());
	}

}
