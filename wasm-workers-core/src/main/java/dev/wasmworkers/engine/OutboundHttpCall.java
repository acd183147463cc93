package dev.wasmworkers.engine;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import dev.wasmworkers.engine.wasi.StackReserve;
import dev.wasmworkers.http.HttpErrorKind;
import dev.wasmworkers.http.HttpHeader;
import dev.wasmworkers.http.HttpMethod;
import dev.wasmworkers.http.OutboundHttp;
import dev.wasmworkers.http.OutboundHttpException;
import dev.wasmworkers.http.OutboundRequest;
import dev.wasmworkers.http.OutboundResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call of {@code http.send-http-request}: lifts the request from guest memory, sends
 * it, and lowers the result into guest memory, in the wit-bindgen 0.2 canonical ABI of
 * wws §6.2.
 *
 * <p>
 * Parameters, all i32: body option tag (0 none, 1 some), body pointer, body length,
 * headers pointer, header count, method (0 GET to 6 HEAD), params pointer and count
 * (ignored), URI pointer and byte length, return-area pointer. A header is 16 bytes: name
 * pointer, name length, value pointer, value length, little-endian.
 *
 * <p>
 * The 28-byte return area: byte 0 is 0 for ok, 1 for an error. Ok: byte 4 the body option
 * tag (always 1), i32 at 8 and 12 the body pointer and length, i32 at 16 and 20 the
 * headers pointer and count, u16 at 24 the status. Error: byte 4 the error kind (0
 * invalid-request to 6 redirect-loop), i32 at 8 and 12 the message pointer and length.
 * Every block the host returns is allocated by the guest's
 * {@code canonical_abi_realloc(0, 0, align, size)}: align 1 for bytes and strings, 4 for
 * the header array; the guest owns and frees them.
 *
 * <p>
 * Every pointer and length from the guest is checked against its memory before use: a bad
 * one, an invalid tag or enum value, or text that is not UTF-8 traps the run. The request
 * is sent on a thread of its own (see {@link OutboundHttpThreads}).
 */
final class OutboundHttpCall {

	/** Bytes of the return area. */
	static final int RETURN_AREA_SIZE = 28;

	/** Bytes of one {@code tuple<string, string>} list element. */
	static final int HEADER_SIZE = 16;

	private static final Logger logger = LoggerFactory.getLogger(OutboundHttpCall.class);

	private final Instance instance;

	private final Memory memory;

	private OutboundHttpCall(Instance instance) {
		this.instance = instance;
		this.memory = instance.memory();
	}

	/**
	 * Handles one call; returns no results, throws (trapping the run) for a bad request
	 * layout, when the thread is interrupted, and when it has too little stack left for
	 * the call.
	 */
	static long @Nullable [] handle(Instance instance, long[] args, OutboundHttp http) {
		StackReserve.ensure();
		OutboundHttpCall call = new OutboundHttpCall(instance);
		OutboundRequest request = call.request(args);
		int returnArea = (int) args[10];
		call.checkRange(returnArea, RETURN_AREA_SIZE, "return area");
		OutboundResponse response;
		try {
			response = OutboundHttpThreads.send(http, request);
		}
		catch (OutboundHttpException ex) {
			call.writeError(returnArea, ex.kind(), ex.getMessage());
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ChicoryInterruptedException("Thread interrupted");
		}
		catch (RuntimeException ex) {
			logger.error("Outbound request {} failed in the host", request, ex);
			call.writeError(returnArea, HttpErrorKind.INTERNAL_ERROR,
					"There was an error processing the request on the host side.");
			return null;
		}
		call.writeResponse(returnArea, response);
		return null;
	}

	private OutboundRequest request(long[] args) {
		int bodyTag = (int) args[0];
		byte[] body = switch (bodyTag) {
			case 0 -> new byte[0];
			case 1 -> bytes((int) args[1], (int) args[2], "request body");
			default -> throw trap("invalid option tag " + bodyTag + " for the request body");
		};
		List<HttpHeader> headers = headers((int) args[3], (int) args[4]);
		int methodCode = (int) args[5];
		HttpMethod method = HttpMethod.ofCode(methodCode)
			.orElseThrow(() -> trap("invalid http-method " + Integer.toUnsignedString(methodCode)));
		String uri = string((int) args[8], (int) args[9], "URI");
		return new OutboundRequest(method, uri, headers, body);
	}

	private List<HttpHeader> headers(int pointer, int count) {
		long size = Integer.toUnsignedLong(count) * HEADER_SIZE;
		checkRange(pointer, size, "header list");
		List<HttpHeader> headers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int element = pointer + i * HEADER_SIZE;
			String name = string(this.memory.readInt(element), this.memory.readInt(element + 4), "header name");
			String value = string(this.memory.readInt(element + 8), this.memory.readInt(element + 12), "header value");
			headers.add(new HttpHeader(name, value));
		}
		return headers;
	}

	private byte[] bytes(int pointer, int length, String what) {
		checkRange(pointer, Integer.toUnsignedLong(length), what);
		return this.memory.readBytes(pointer, length);
	}

	private String string(int pointer, int length, String what) {
		byte[] bytes = bytes(pointer, length, what);
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw trap("the " + what + " is not valid UTF-8");
		}
	}

	private void writeResponse(int returnArea, OutboundResponse response) {
		int body = allocate(1, response.body());
		int headers = allocate(4, (long) response.headers().size() * HEADER_SIZE, "header list");
		for (int i = 0; i < response.headers().size(); i++) {
			HttpHeader header = response.headers().get(i);
			byte[] name = header.name().getBytes(StandardCharsets.UTF_8);
			byte[] value = header.value().getBytes(StandardCharsets.UTF_8);
			int namePointer = allocate(1, name);
			int valuePointer = allocate(1, value);
			int element = headers + i * HEADER_SIZE;
			this.memory.writeI32(element, namePointer);
			this.memory.writeI32(element + 4, name.length);
			this.memory.writeI32(element + 8, valuePointer);
			this.memory.writeI32(element + 12, value.length);
		}
		this.memory.writeByte(returnArea, (byte) 0);
		this.memory.writeByte(returnArea + 4, (byte) 1);
		this.memory.writeI32(returnArea + 8, body);
		this.memory.writeI32(returnArea + 12, response.body().length);
		this.memory.writeI32(returnArea + 16, headers);
		this.memory.writeI32(returnArea + 20, response.headers().size());
		this.memory.writeShort(returnArea + 24, (short) response.status());
	}

	private void writeError(int returnArea, HttpErrorKind kind, String message) {
		byte[] text = message.getBytes(StandardCharsets.UTF_8);
		int pointer = allocate(1, text);
		this.memory.writeByte(returnArea, (byte) 1);
		this.memory.writeByte(returnArea + 4, (byte) kind.code());
		this.memory.writeI32(returnArea + 8, pointer);
		this.memory.writeI32(returnArea + 12, text.length);
	}

	private int allocate(int align, byte[] content) {
		int pointer = allocate(align, content.length, "block");
		this.memory.write(pointer, content);
		return pointer;
	}

	/** Calls {@code canonical_abi_realloc(0, 0, align, size)} and checks its answer. */
	private int allocate(int align, long size, String what) {
		if (size > Integer.MAX_VALUE) {
			throw trap("the " + what + " of " + size + " bytes cannot be given to a 32-bit module");
		}
		ExportFunction realloc = this.instance.export(OutboundHttpImport.REALLOC);
		long[] result = realloc.apply(0, 0, align, size);
		int pointer = (int) result[0];
		if (pointer == 0 && size > 0) {
			throw trap(OutboundHttpImport.REALLOC + " returned 0 for " + size + " bytes (out of memory?)");
		}
		checkRange(pointer, size, OutboundHttpImport.REALLOC + " result");
		return pointer;
	}

	private void checkRange(int pointer, long length, String what) {
		long start = Integer.toUnsignedLong(pointer);
		long memorySize = (long) this.memory.pages() * Memory.PAGE_SIZE;
		if (start + length > memorySize) {
			throw trap("out of bounds memory access: the " + what + " of " + length + " bytes at " + start
					+ " ends past the memory's " + memorySize + " bytes");
		}
	}

	private static WasmRuntimeException trap(String message) {
		return new WasmRuntimeException(OutboundHttpImport.MODULE + "." + OutboundHttpImport.NAME + ": " + message);
	}

}
