package dev.wasmworkers.engine.wasi;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import org.jspecify.annotations.Nullable;

/**
 * Checks the guest's pointers and lengths against its linear memory before a call uses
 * them, in unsigned 64-bit arithmetic, so that no (pointer, length) pair can wrap around
 * or make the host allocate more than the memory holds; a region that does not fit traps.
 */
public final class GuestMemory {

	/** Bytes of one {@code iovec} or {@code ciovec}: a pointer and a length. */
	static final int IOVEC_SIZE = 8;

	/**
	 * The largest number of bytes one read or write may move, as for a 32-bit ssize_t.
	 */
	static final long MAX_TRANSFER = Integer.MAX_VALUE;

	/** How many iovecs are checked between two looks at the interrupt flag. */
	private static final int IOVECS_PER_CHECK = 4096;

	private GuestMemory() {
	}

	/** The memory's current size in bytes. */
	static long size(Memory memory) {
		return (long) memory.pages() * Memory.PAGE_SIZE;
	}

	/**
	 * Traps unless the region of {@code length} bytes at {@code address} (an unsigned
	 * 32-bit value) lies inside the memory.
	 * @param memory the guest's memory; none traps too
	 * @param address the region's start, read as unsigned
	 * @param length the region's length in bytes
	 * @throws WasmRuntimeException when the region does not fit
	 */
	public static void check(@Nullable Memory memory, int address, long length) {
		if (memory == null) {
			throw new WasmRuntimeException("the module has no memory for the WASI call to use");
		}
		long start = Integer.toUnsignedLong(address);
		long size = size(memory);
		if (length < 0 || start + length > size) {
			throw new WasmRuntimeException("out of bounds memory access: " + length + " bytes at " + start
					+ " do not fit in the memory's " + size + " bytes");
		}
	}

	/**
	 * The bytes of a region, checked first.
	 * @param memory the guest's memory
	 * @param address the region's start, read as unsigned
	 * @param length the region's length, read as unsigned
	 * @return a copy of the bytes
	 * @throws WasmRuntimeException when the region does not fit
	 */
	public static byte[] bytes(Memory memory, int address, int length) {
		check(memory, address, Integer.toUnsignedLong(length));
		return memory.readBytes(address, length);
	}

	/**
	 * The UTF-8 text of a region, checked first; {@code EILSEQ} when it is not UTF-8, and
	 * {@code ENAMETOOLONG} when it is longer than {@code maxLength} bytes.
	 */
	static String string(Memory memory, int address, int length, int maxLength) {
		check(memory, address, Integer.toUnsignedLong(length));
		if (Integer.toUnsignedLong(length) > maxLength) {
			throw new ErrnoException(Errno.NAMETOOLONG);
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(memory.readBytes(address, length)))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ErrnoException(Errno.ILSEQ);
		}
	}

	/**
	 * Checks a list of {@code count} iovecs at {@code iovs} and the buffer of each, and
	 * returns their total length; {@code EINVAL} when that is more than
	 * {@link #MAX_TRANSFER}. Looks at the interrupt flag while it goes.
	 */
	static long iovecTotal(Memory memory, int iovs, int count) {
		check(memory, iovs, Integer.toUnsignedLong(count) * IOVEC_SIZE);
		long total = 0;
		for (int i = 0; i < count; i++) {
			if (i % IOVECS_PER_CHECK == 0) {
				Interruption.check();
			}
			int entry = iovs + i * IOVEC_SIZE;
			long length = Integer.toUnsignedLong(memory.readInt(entry + 4));
			check(memory, memory.readInt(entry), length);
			total += length;
		}
		if (total > MAX_TRANSFER) {
			throw new ErrnoException(Errno.INVAL);
		}
		return total;
	}

	/**
	 * The buffer address of iovec {@code index} of a list checked by {@link #iovecTotal}.
	 */
	static int iovecBuffer(Memory memory, int iovs, int index) {
		return memory.readInt(iovs + index * IOVEC_SIZE);
	}

	/**
	 * The buffer length of iovec {@code index} of a list checked by {@link #iovecTotal}.
	 */
	static int iovecLength(Memory memory, int iovs, int index) {
		return memory.readInt(iovs + index * IOVEC_SIZE + 4);
	}

}
