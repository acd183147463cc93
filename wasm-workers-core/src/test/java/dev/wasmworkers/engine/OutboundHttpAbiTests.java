package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.wasmworkers.http.HttpErrorKind;
import dev.wasmworkers.http.HttpHeader;
import dev.wasmworkers.http.HttpMethod;
import dev.wasmworkers.http.OutboundHttp;
import dev.wasmworkers.http.OutboundHttpException;
import dev.wasmworkers.http.OutboundRequest;
import dev.wasmworkers.http.OutboundResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code http.send-http-request} host function byte by byte (wws §6.2), on guests
 * written in WebAssembly text: each guest lays out a request in its memory, calls the
 * import once, and writes to stdout its 28-byte return area, the log of its
 * {@code canonical_abi_realloc} calls (old pointer, old size, align, size) and the heap
 * those calls handed out, so that the test sees exactly what the host wrote where.
 */
class OutboundHttpAbiTests {

	private static final int HEADER_LIST = 2048;

	private static final int RETURN_AREA = 3072;

	private static final int REALLOC_LOG = 3200;

	private static final int HEAP = 8192;

	private static final String IMPORT = """
			(import "http" "send-http-request" (func $send (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
			""";

	/** A bump allocator that logs its calls, aligned as asked. */
	private static final String LOGGING_REALLOC = """
			(global $heap (mut i32) (i32.const 8192))
			(func (export "canonical_abi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
			  (local $entry i32) (local $ptr i32)
			  (local.set $entry (i32.add (i32.const 3204) (i32.mul (i32.load (i32.const 3200)) (i32.const 16))))
			  (i32.store (local.get $entry) (local.get $old))
			  (i32.store offset=4 (local.get $entry) (local.get $old_size))
			  (i32.store offset=8 (local.get $entry) (local.get $align))
			  (i32.store offset=12 (local.get $entry) (local.get $size))
			  (i32.store (i32.const 3200) (i32.add (i32.load (i32.const 3200)) (i32.const 1)))
			  (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
			                           (i32.sub (i32.const 0) (local.get $align))))
			  (global.set $heap (i32.add (local.get $ptr) (local.get $size)))
			  (local.get $ptr))
			""";

	private final WasmEngine engine = new WasmEngine();

	@Test
	void liftsTheRequestAndLowersTheResponseAsTheAbiSays() throws Exception {
		FakeHttp http = FakeHttp.answering(new OutboundResponse(204,
				List.of(new HttpHeader("a", "1"), new HttpHeader("bb", "xyz")), "hello".getBytes()));
		Guest guest = new Guest().method(HttpMethod.PUT)
			.uri("https://api.example.com/things?x=1")
			.header("content-type", "text/plain")
			.header("x-ü", "ünïcødé")
			.body(new byte[] { 0, 1, (byte) 0xff, 'z' });

		Dump dump = run(guest, http);

		assertThat(http.received).isNotNull();
		assertThat(http.received.method()).isEqualTo(HttpMethod.PUT);
		assertThat(http.received.uri()).isEqualTo("https://api.example.com/things?x=1");
		assertThat(http.received.headers()).containsExactly(new HttpHeader("content-type", "text/plain"),
				new HttpHeader("x-ü", "ünïcødé"));
		assertThat(http.received.body()).containsExactly(0, 1, 0xff, 'z');

		assertThat(dump.reallocs()).containsExactly(new int[] { 0, 0, 1, 5 }, new int[] { 0, 0, 4, 32 },
				new int[] { 0, 0, 1, 1 }, new int[] { 0, 0, 1, 1 }, new int[] { 0, 0, 1, 2 }, new int[] { 0, 0, 1, 3 });
		assertThat(dump.u8(0)).isZero();
		assertThat(dump.untouched(1, 3)).isTrue();
		assertThat(dump.u8(4)).isEqualTo(1);
		assertThat(dump.untouched(5, 3)).isTrue();
		assertThat(dump.heap(dump.i32(8), dump.i32(12))).asString().isEqualTo("hello");
		int headers = dump.i32(16);
		assertThat(headers % 4).isZero();
		assertThat(dump.i32(20)).isEqualTo(2);
		assertThat(dump.u16(24)).isEqualTo(204);
		assertThat(dump.untouched(26, 2)).isTrue();
		assertThat(dump.heapString(dump.heapI32(headers), dump.heapI32(headers + 4))).isEqualTo("a");
		assertThat(dump.heapString(dump.heapI32(headers + 8), dump.heapI32(headers + 12))).isEqualTo("1");
		assertThat(dump.heapString(dump.heapI32(headers + 16), dump.heapI32(headers + 20))).isEqualTo("bb");
		assertThat(dump.heapString(dump.heapI32(headers + 24), dump.heapI32(headers + 28))).isEqualTo("xyz");
	}

	@ParameterizedTest
	@EnumSource(HttpMethod.class)
	void liftsEachMethodCodeInTheOrderOfTheEnum(HttpMethod method) throws Exception {
		FakeHttp http = FakeHttp.answering(new OutboundResponse(200, List.of(), new byte[0]));

		run(new Guest().arg(5, method.ordinal()).uri("https://a.example/"), http);

		assertThat(http.received.method()).isEqualTo(method);
		assertThat(HttpMethod.ofCode(method.ordinal())).contains(method);
	}

	@Test
	void liftsANoneBodyAsEmptyWithoutReadingItsPointer() throws Exception {
		FakeHttp http = FakeHttp.answering(new OutboundResponse(200, List.of(), new byte[0]));

		RunResult result = runRaw(new Guest().uri("https://a.example/").arg(0, 0).arg(1, -16).arg(2, 1 << 30), http);

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(http.received.body()).isEmpty();
	}

	@Test
	void ignoresTheParamsList() throws Exception {
		FakeHttp http = FakeHttp.answering(new OutboundResponse(200, List.of(), new byte[0]));

		RunResult result = runRaw(new Guest().uri("https://a.example/").arg(6, -16).arg(7, 1 << 30), http);

		assertThat(result.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(http.received).isNotNull();
	}

	@Test
	void returnsAnEmptyBodyAsSomeWithLengthZero() throws Exception {
		Dump dump = run(new Guest().uri("https://a.example/"),
				FakeHttp.answering(new OutboundResponse(404, List.of(), new byte[0])));

		assertThat(dump.reallocs()).containsExactly(new int[] { 0, 0, 1, 0 }, new int[] { 0, 0, 4, 0 });
		assertThat(dump.u8(0)).isZero();
		assertThat(dump.u8(4)).isEqualTo(1);
		assertThat(dump.i32(12)).isZero();
		assertThat(dump.i32(20)).isZero();
		assertThat(dump.u16(24)).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource(HttpErrorKind.class)
	void lowersEachErrorKindWithItsCodeAndMessage(HttpErrorKind kind) throws Exception {
		String message = "naïve " + kind.label();

		Dump dump = run(new Guest().uri("https://a.example/"), FakeHttp.failing(kind, message));

		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		assertThat(dump.reallocs()).containsExactly(new int[] { 0, 0, 1, text.length });
		assertThat(dump.u8(0)).isEqualTo(1);
		assertThat(dump.untouched(1, 3)).isTrue();
		assertThat(dump.u8(4)).isEqualTo(kind.ordinal());
		assertThat(dump.heap(dump.i32(8), dump.i32(12))).isEqualTo(text);
		assertThat(dump.untouched(16, 12)).isTrue();
	}

	@Test
	void theErrorCodesFollowTheOrderOfTheWitEnum() {
		assertThat(Arrays.stream(HttpErrorKind.values()).map(HttpErrorKind::label)).containsExactly("invalid-request",
				"invalid-request-body", "invalid-response-body", "not-allowed", "internal-error", "timeout",
				"redirect-loop");
		assertThat(Arrays.stream(HttpMethod.values()).map(HttpMethod::name)).containsExactly("GET", "POST", "PUT",
				"PATCH", "DELETE", "OPTIONS", "HEAD");
	}

	@Test
	void aFailureInTheHostBecomesAnInternalError() throws Exception {
		OutboundHttp broken = (request) -> {
			throw new IllegalStateException("bug");
		};

		Dump dump = run(new Guest().uri("https://a.example/"), broken);

		assertThat(dump.u8(0)).isEqualTo(1);
		assertThat(dump.u8(4)).isEqualTo(HttpErrorKind.INTERNAL_ERROR.ordinal());
		assertThat(dump.heap(dump.i32(8), dump.i32(12))).asString()
			.isEqualTo("There was an error processing the request on the host side.");
	}

	@Test
	void trapsOnABodyOutsideMemory() throws Exception {
		assertTraps(new Guest().uri("https://a.example/").arg(0, 1).arg(1, 65530).arg(2, 100),
				"the request body of 100 bytes at 65530 ends past the memory's 65536 bytes");
		assertTraps(new Guest().uri("https://a.example/").arg(0, 1).arg(1, -1).arg(2, 1), "request body");
	}

	@Test
	void trapsOnAHeaderListOrHeaderStringOutsideMemory() throws Exception {
		assertTraps(new Guest().uri("https://a.example/").arg(3, 65000).arg(4, 100), "header list of 1600 bytes");
		assertTraps(new Guest().uri("https://a.example/").arg(3, 2048).arg(4, 0x10000000), "header list");
		assertTraps(new Guest().uri("https://a.example/").header("a", "b").rawHeader(60000, 10000, 1024, 1),
				"header name of 10000 bytes at 60000");
	}

	@Test
	void trapsOnAUriOrReturnAreaOutsideMemory() throws Exception {
		assertTraps(new Guest().arg(8, 1024).arg(9, 70000), "URI of 70000 bytes");
		assertTraps(new Guest().uri("https://a.example/").arg(10, 65520), "return area of 28 bytes at 65520");
	}

	@Test
	void trapsOnAnInvalidTagOrEnumValue() throws Exception {
		assertTraps(new Guest().uri("https://a.example/").arg(0, 2), "invalid option tag 2 for the request body");
		assertTraps(new Guest().uri("https://a.example/").arg(5, 7), "invalid http-method 7");
		assertTraps(new Guest().uri("https://a.example/").arg(5, -1), "invalid http-method 4294967295");
	}

	@Test
	void trapsOnTextThatIsNotUtf8() throws Exception {
		assertTraps(new Guest().uri(new byte[] { 'h', (byte) 0xc3 }), "the URI is not valid UTF-8");
		assertTraps(new Guest().uri("https://a.example/").header(new byte[] { (byte) 0xff }, "v".getBytes()),
				"the header name is not valid UTF-8");
	}

	@Test
	void trapsWhenReallocAnswersNullOrAPointerOutsideMemory() throws Exception {
		FakeHttp http = FakeHttp.answering(new OutboundResponse(200, List.of(), "x".getBytes()));
		String nullRealloc = """
				(func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
				""";
		String wildRealloc = """
				(func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 65535))
				""";

		RunResult nullResult = runRaw(new Guest().uri("https://a.example/").realloc(nullRealloc), http);
		RunResult wildResult = runRaw(new Guest().uri("https://a.example/").realloc(wildRealloc),
				FakeHttp.answering(new OutboundResponse(200, List.of(), "xy".getBytes())));

		assertThat(nullResult.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(nullResult.detail()).contains("canonical_abi_realloc returned 0 for 1 bytes");
		assertThat(wildResult.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(wildResult.detail()).contains("canonical_abi_realloc result of 2 bytes at 65535");
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void anInterruptDuringTheCallStopsTheRunAndLeavesTheFlagSet() throws Exception {
		CountDownLatch called = new CountDownLatch(1);
		OutboundHttp blocking = (request) -> {
			called.countDown();
			Thread.sleep(60_000);
			throw new IllegalStateException("not interrupted");
		};
		WasmProgram program = this.engine.compile("blocking", new Guest().uri("https://a.example/").module());
		AtomicReference<RunResult> result = new AtomicReference<>();
		AtomicBoolean flagAfterRun = new AtomicBoolean();
		Thread runner = new Thread(() -> {
			result.set(program.run(request(blocking)));
			flagAfterRun.set(Thread.currentThread().isInterrupted());
		});

		runner.start();
		called.await();
		runner.interrupt();
		runner.join();

		assertThat(result.get().status()).isEqualTo(RunStatus.INTERRUPTED);
		assertThat(flagAfterRun).isTrue();
	}

	@Test
	void canBeCalledAgainInTheSameRun() throws Exception {
		FakeHttp http = FakeHttp.answering(new OutboundResponse(200, List.of(), "abc".getBytes()));

		Dump dump = run(new Guest().uri("https://a.example/").calls(3), http);

		assertThat(http.calls).isEqualTo(3);
		assertThat(dump.reallocs()).hasSize(6);
		assertThat(dump.heap(dump.i32(8), 3)).asString().isEqualTo("abc");
	}

	@Test
	void aModuleThatImportsTheFunctionIsServedAndSaysSo() throws Exception {
		WasmProgram program = this.engine.compile("fetch", new Guest().uri("https://a.example/").module());
		WasmProgram other = this.engine.compile("plain", Wat.module("(memory 1) (func (export \"_start\"))"));

		assertThat(program.sendsHttpRequests()).isTrue();
		assertThat(other.sendsHttpRequests()).isFalse();
	}

	@Test
	void withoutOutboundHttpInTheRunRequestEveryCallIsRefused() throws Exception {
		WasmProgram program = this.engine.compile("fetch", new Guest().uri("https://a.example/").module());

		Dump dump = new Dump(
				program.run(new RunRequest(new byte[0], Map.of(), List.of(), 1 << 20, 1 << 16, 16, List.of()))
					.stdout());

		assertThat(dump.u8(0)).isEqualTo(1);
		assertThat(dump.u8(4)).isEqualTo(HttpErrorKind.NOT_ALLOWED.ordinal());
		assertThat(dump.heap(dump.i32(8), dump.i32(12))).asString()
			.isEqualTo("The host 'a.example' is not allowed for this worker. Please, update the worker configuration.");
	}

	@Test
	void refusesAModuleThatImportsTheFunctionWithoutExportingRealloc() {
		byte[] module = Wat.command(IMPORT, """
				(memory (export "memory") 1)
				(func (export "_start"))
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("fetch", module))
			.withMessageContaining("imports http.send-http-request, so it must export the function "
					+ "canonical_abi_realloc (func (param i32 i32 i32 i32) (result i32))");
	}

	@Test
	void refusesAModuleWhoseReallocHasAnotherSignature() {
		byte[] module = Wat.command(IMPORT, """
				(memory (export "memory") 1)
				(func (export "canonical_abi_realloc") (param i32 i32 i32) (result i32) (i32.const 0))
				(func (export "_start"))
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("fetch", module))
			.withMessageContaining("must export canonical_abi_realloc as (func (param i32 i32 i32 i32) (result i32)), "
					+ "but exports it as (func (param i32 i32 i32) (result i32))");
	}

	@Test
	void refusesAModuleThatImportsTheFunctionWithoutExportingItsMemory() {
		byte[] module = Wat.command(IMPORT, """
				(memory 1)
				(func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
				(func (export "_start"))
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("fetch", module))
			.withMessageContaining("must export its memory as \"memory\"");
	}

	@Test
	void refusesAnImportWithAnotherSignature() {
		byte[] module = Wat.command("""
				(import "http" "send-http-request" (func $send (param i32 i32)))
				""", """
				(memory (export "memory") 1)
				(func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 0))
				(func (export "_start"))
				""");

		assertThatExceptionOfType(WorkerLoadException.class).isThrownBy(() -> this.engine.compile("fetch", module))
			.withMessageContaining("imports http.send-http-request as (func (param i32 i32)), but the server provides "
					+ "(func (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32))");
	}

	private Dump run(Guest guest, OutboundHttp http) throws WorkerLoadException {
		RunResult result = runRaw(guest, http);
		assertThat(result.status()).as(result.detail()).isEqualTo(RunStatus.COMPLETED);
		return new Dump(result.stdout());
	}

	private RunResult runRaw(Guest guest, OutboundHttp http) throws WorkerLoadException {
		return this.engine.compile("guest", guest.module()).run(request(http));
	}

	private void assertTraps(Guest guest, String detail) throws WorkerLoadException {
		FakeHttp http = FakeHttp.answering(new OutboundResponse(200, List.of(), new byte[0]));
		RunResult result = runRaw(guest, http);
		assertThat(result.status()).isEqualTo(RunStatus.TRAPPED);
		assertThat(result.detail()).startsWith("trap: http.send-http-request: ").contains(detail);
		assertThat(http.calls).isZero();
	}

	private static RunRequest request(OutboundHttp http) {
		return new RunRequest(new byte[0], Map.of(), List.of(), 1 << 20, 1 << 16, 16, List.of(), http);
	}

	/** An outbound HTTP that records the request and answers as told. */
	private static final class FakeHttp implements OutboundHttp {

		private final OutboundResponse response;

		private final OutboundHttpException failure;

		private OutboundRequest received;

		private int calls;

		private FakeHttp(OutboundResponse response, OutboundHttpException failure) {
			this.response = response;
			this.failure = failure;
		}

		static FakeHttp answering(OutboundResponse response) {
			return new FakeHttp(response, null);
		}

		static FakeHttp failing(HttpErrorKind kind, String message) {
			return new FakeHttp(null, new OutboundHttpException(kind, message));
		}

		@Override
		public OutboundResponse send(OutboundRequest request) throws OutboundHttpException {
			this.received = request;
			this.calls++;
			if (this.failure != null) {
				throw this.failure;
			}
			return this.response;
		}

	}

	/**
	 * A guest module: the request's strings are data segments from 1024 on, its header
	 * list is stored at 2048, and the eleven arguments of the call can each be replaced.
	 */
	private static final class Guest {

		private final StringBuilder data = new StringBuilder();

		private final StringBuilder setup = new StringBuilder();

		private final int[] args = new int[11];

		private int nextData = 1024;

		private int headerCount;

		private String realloc = LOGGING_REALLOC;

		private int calls = 1;

		Guest() {
			this.args[3] = HEADER_LIST;
			this.args[10] = RETURN_AREA;
		}

		Guest method(HttpMethod method) {
			return arg(5, method.ordinal());
		}

		Guest uri(String uri) {
			return uri(uri.getBytes(StandardCharsets.UTF_8));
		}

		Guest uri(byte[] uri) {
			this.args[8] = place(uri);
			this.args[9] = uri.length;
			return this;
		}

		Guest header(String name, String value) {
			return header(name.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
		}

		Guest header(byte[] name, byte[] value) {
			return rawHeader(place(name), name.length, place(value), value.length);
		}

		Guest rawHeader(int namePointer, int nameLength, int valuePointer, int valueLength) {
			int element = HEADER_LIST + this.headerCount * 16;
			int[] fields = { namePointer, nameLength, valuePointer, valueLength };
			for (int i = 0; i < 4; i++) {
				this.setup.append("(i32.store (i32.const %d) (i32.const %d))\n".formatted(element + i * 4, fields[i]));
			}
			this.headerCount++;
			this.args[4] = this.headerCount;
			return this;
		}

		Guest body(byte[] body) {
			this.args[0] = 1;
			this.args[1] = place(body);
			this.args[2] = body.length;
			return this;
		}

		Guest arg(int index, int value) {
			this.args[index] = value;
			return this;
		}

		Guest realloc(String realloc) {
			this.realloc = realloc;
			return this;
		}

		Guest calls(int calls) {
			this.calls = calls;
			return this;
		}

		byte[] module() {
			StringBuilder call = new StringBuilder("(call $send");
			for (int arg : this.args) {
				call.append(" (i32.const ").append(arg).append(')');
			}
			call.append(")\n");
			String fill = "(i32.store (i32.const %d) (i32.const 0xAAAAAAAA))\n";
			StringBuilder fills = new StringBuilder();
			for (int i = 0; i < 7; i++) {
				fills.append(fill.formatted(RETURN_AREA + i * 4));
			}
			return Wat.command(IMPORT,
					"""
							(memory (export "memory") 1)
							%s
							%s
							(func (export "_start")
							  %s
							  %s
							  %s
							  (call $write (i32.const 1) (i32.const %d) (i32.const 28))
							  (call $write (i32.const 1) (i32.const %d)
							    (i32.add (i32.const 4) (i32.mul (i32.load (i32.const %d)) (i32.const 16))))
							  (call $write (i32.const 1) (i32.const %d) (i32.sub (global.get $heap) (i32.const %d))))
							"""
						.formatted(this.data, heapGlobal(), fills, this.setup, call.toString().repeat(this.calls),
								RETURN_AREA, REALLOC_LOG, REALLOC_LOG, HEAP, HEAP)
						.replace("(func (export \"_start\")", this.realloc + "\n(func (export \"_start\")"));
		}

		private String heapGlobal() {
			return this.realloc.contains("$heap") ? "" : "(global $heap (mut i32) (i32.const 8192))";
		}

		private int place(byte[] bytes) {
			int address = this.nextData;
			StringBuilder text = new StringBuilder();
			for (byte b : bytes) {
				text.append(String.format("\\%02x", b & 0xff));
			}
			this.data.append("(data (i32.const %d) \"%s\")\n".formatted(address, text));
			this.nextData += bytes.length + 8;
			return address;
		}

	}

	/** What a guest wrote: its return area, its realloc log and its heap. */
	private static final class Dump {

		private final ByteBuffer returnArea;

		private final List<int[]> reallocs = new ArrayList<>();

		private final ByteBuffer heap;

		Dump(byte[] stdout) {
			ByteBuffer all = ByteBuffer.wrap(stdout).order(ByteOrder.LITTLE_ENDIAN);
			this.returnArea = all.slice(0, 28).order(ByteOrder.LITTLE_ENDIAN);
			int count = all.getInt(28);
			for (int i = 0; i < count; i++) {
				int entry = 32 + i * 16;
				this.reallocs.add(new int[] { all.getInt(entry), all.getInt(entry + 4), all.getInt(entry + 8),
						all.getInt(entry + 12) });
			}
			int heapStart = 32 + count * 16;
			this.heap = all.slice(heapStart, stdout.length - heapStart).order(ByteOrder.LITTLE_ENDIAN);
		}

		List<int[]> reallocs() {
			return this.reallocs;
		}

		int u8(int offset) {
			return this.returnArea.get(offset) & 0xff;
		}

		int u16(int offset) {
			return this.returnArea.getShort(offset) & 0xffff;
		}

		int i32(int offset) {
			return this.returnArea.getInt(offset);
		}

		boolean untouched(int offset, int length) {
			for (int i = offset; i < offset + length; i++) {
				if (u8(i) != 0xAA) {
					return false;
				}
			}
			return true;
		}

		byte[] heap(int pointer, int length) {
			byte[] bytes = new byte[length];
			this.heap.get(pointer - HEAP, bytes);
			return bytes;
		}

		int heapI32(int pointer) {
			return this.heap.getInt(pointer - HEAP);
		}

		String heapString(int pointer, int length) {
			return new String(heap(pointer, length), StandardCharsets.UTF_8);
		}

	}

}
