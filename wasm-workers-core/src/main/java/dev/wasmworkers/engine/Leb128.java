package dev.wasmworkers.engine;

import java.io.ByteArrayOutputStream;

/**
 * An unsigned 32-bit number in the LEB128 encoding of WebAssembly binaries, as read.
 *
 * @param value the number
 * @param length how many bytes encode it
 */
record Leb128(long value, int length) {

	/**
	 * Reads an unsigned 32-bit LEB128 number.
	 * @param bytes the bytes
	 * @param offset where the number starts
	 * @param what what the number is, for the error
	 * @return the number and its length
	 * @throws IllegalArgumentException when the bytes end first or the number takes more
	 * than 5 bytes
	 */
	static Leb128 read(byte[] bytes, int offset, String what) {
		long value = 0;
		int length = 0;
		int next;
		do {
			if (offset + length >= bytes.length || length == 5) {
				throw new IllegalArgumentException(what + " is invalid");
			}
			next = bytes[offset + length] & 0xff;
			value |= (long) (next & 0x7f) << (7 * length);
			length++;
		}
		while ((next & 0x80) != 0);
		return new Leb128(value, length);
	}

	/**
	 * Writes an unsigned number in the fewest bytes.
	 * @param out where to write
	 * @param value the number, not negative
	 */
	static void write(ByteArrayOutputStream out, int value) {
		int rest = value;
		while ((rest & ~0x7f) != 0) {
			out.write((rest & 0x7f) | 0x80);
			rest >>>= 7;
		}
		out.write(rest);
	}

}
