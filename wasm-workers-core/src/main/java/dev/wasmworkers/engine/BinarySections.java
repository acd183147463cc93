package dev.wasmworkers.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The top-level sections of a WebAssembly binary, a core module or a component: after the
 * 8-byte preamble, each section is an id byte, a LEB128 size and that many bytes.
 */
final class BinarySections {

	/** The length of the magic and version that start every binary. */
	static final int PREAMBLE_LENGTH = 8;

	private BinarySections() {
	}

	/**
	 * Splits a binary into its sections, without looking inside them.
	 * @param binary the binary, preamble included
	 * @return its sections, in order
	 * @throws IllegalArgumentException when a section runs past the end of the bytes or
	 * its size is not a valid LEB128 number, with the offset
	 */
	static List<Section> of(byte[] binary) {
		List<Section> sections = new ArrayList<>();
		int offset = PREAMBLE_LENGTH;
		while (offset < binary.length) {
			int start = offset;
			int id = binary[offset++] & 0xff;
			Leb128 size = Leb128.read(binary, offset, "the size of the section at byte " + start);
			offset += size.length();
			if (size.value() > binary.length - offset) {
				throw new IllegalArgumentException("section " + id + " at byte " + start + " declares " + size.value()
						+ " bytes, but only " + (binary.length - offset) + " remain");
			}
			sections.add(new Section(id, start, offset, (int) size.value()));
			offset += (int) size.value();
		}
		return sections;
	}

	/**
	 * One section.
	 *
	 * @param id its id
	 * @param start the offset of its id byte
	 * @param contentStart the offset of its first byte after the size
	 * @param size how many bytes it holds after the size
	 */
	record Section(int id, int start, int contentStart, int size) {

		/** The offset just past the section. */
		int end() {
			return this.contentStart + this.size;
		}

	}

}
