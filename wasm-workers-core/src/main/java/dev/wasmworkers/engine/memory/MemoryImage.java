package dev.wasmworkers.engine.memory;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The contents of a linear memory, frozen: every {@link CopyOnWriteMemory} started from
 * it reads these bytes until it writes its own copy of a block of them.
 *
 * <p>
 * An image never changes after it is made, so one image serves any number of memories on
 * any number of threads. It is stored in blocks of 4 KiB: blocks of zeros are not stored,
 * and an image made with a base image shares every block that is equal to the base's, so
 * that, for example, each Python worker's image holds only what its own start-up changed
 * in the CPython runtime's image.
 */
public final class MemoryImage {

	/** The size of a block as a power of two: 4 KiB. */
	static final int BLOCK_SHIFT = 12;

	/** The unit an image is stored in and a memory copies: 4 KiB. */
	static final int BLOCK_SIZE = 1 << BLOCK_SHIFT;

	static final int BLOCKS_PER_PAGE = Memory.PAGE_SIZE / BLOCK_SIZE;

	/** The one block of zeros every image and memory points to; never written. */
	static final byte[] ZERO_BLOCK = new byte[BLOCK_SIZE];

	/** How {@link #writeTo} stores a block of zeros. */
	private static final byte STORED_ZERO = 0;

	/** How {@link #writeTo} stores a block shared with the base image. */
	private static final byte STORED_IN_BASE = 1;

	/** How {@link #writeTo} stores a block in full. */
	private static final byte STORED_HERE = 2;

	private static final MemoryImage EMPTY = new MemoryImage(new byte[0][]);

	private final byte[][] blocks;

	private MemoryImage(byte[][] blocks) {
		this.blocks = blocks;
	}

	/**
	 * The memory a module starts with: its declared initial size, with its active data
	 * segments written in, as instantiating the module would leave it before any code
	 * runs. A module without a memory gives an image of no pages.
	 * @param module the module
	 * @return the image
	 * @throws IllegalArgumentException when the module imports its memory, a data segment
	 * does not fit in the initial memory, or a segment's offset depends on an imported
	 * global
	 */
	public static MemoryImage of(WasmModule module) {
		if (module.importSection().count(ExternalType.MEMORY) > 0) {
			throw new IllegalArgumentException("The module imports its memory, so it has no image of its own");
		}
		int pages = module.memorySection()
			.filter((section) -> section.memoryCount() > 0)
			.map((section) -> section.getMemory(0).limits().initialPages())
			.orElse(0);
		byte[][] blocks = new byte[pages * BLOCKS_PER_PAGE][];
		Arrays.fill(blocks, ZERO_BLOCK);
		DataSegment[] segments = module.dataSection().dataSegments();
		SegmentOffsets offsets = new SegmentOffsets(module);
		for (int i = 0; i < segments.length; i++) {
			if (segments[i] instanceof ActiveDataSegment segment && segment.index() == 0) {
				write(blocks, i, offsets.offset(i, segment), segment.data());
			}
		}
		for (int block = 0; block < blocks.length; block++) {
			if (isZero(blocks[block])) {
				blocks[block] = ZERO_BLOCK;
			}
		}
		return new MemoryImage(blocks);
	}

	/**
	 * The current contents of a memory.
	 * @param memory the memory, which must not change while the image is taken
	 * @return the image
	 */
	public static MemoryImage of(Memory memory) {
		return of(memory, EMPTY);
	}

	/**
	 * The current contents of a memory, sharing every block that is equal to the block at
	 * the same place in a base image. A block the memory still shares with its own image
	 * (when it is a {@link CopyOnWriteMemory}) is shared without being compared.
	 * @param memory the memory, which must not change while the image is taken
	 * @param base the image to share equal blocks with
	 * @return the image
	 */
	public static MemoryImage of(Memory memory, MemoryImage base) {
		byte[][] blocks = new byte[memory.pages() * BLOCKS_PER_PAGE][];
		CopyOnWriteMemory copyOnWrite = (memory instanceof CopyOnWriteMemory cow) ? cow : null;
		for (int block = 0; block < blocks.length; block++) {
			byte[] unwritten = (copyOnWrite != null) ? copyOnWrite.unwrittenBlock(block) : null;
			blocks[block] = (unwritten != null) ? unwritten
					: base.shareOrKeep(block, memory.readBytes(block * BLOCK_SIZE, BLOCK_SIZE));
		}
		return new MemoryImage(blocks);
	}

	/**
	 * Writes the image so that {@link #readFrom(DataInput, MemoryImage)} can read it back
	 * with the same base: the blocks it shares with the base and its blocks of zeros as a
	 * tag each, its other blocks in full.
	 * @param out where to write
	 * @param base the image this one shares blocks with
	 * @throws IOException when writing fails
	 */
	public void writeTo(DataOutput out, MemoryImage base) throws IOException {
		out.writeInt(this.blocks.length);
		for (int index = 0; index < this.blocks.length; index++) {
			byte[] block = this.blocks[index];
			if (block == ZERO_BLOCK) {
				out.writeByte(STORED_ZERO);
			}
			else if (index < base.blocks.length && block == base.blocks[index]) {
				out.writeByte(STORED_IN_BASE);
			}
			else {
				out.writeByte(STORED_HERE);
				out.write(block);
			}
		}
	}

	/**
	 * Reads an image that {@link #writeTo(DataOutput, MemoryImage)} wrote, sharing the
	 * base's blocks again.
	 * @param in where to read
	 * @param base the image it was written with
	 * @return the image
	 * @throws IOException when reading fails or what is read is not such an image
	 */
	public static MemoryImage readFrom(DataInput in, MemoryImage base) throws IOException {
		int count = in.readInt();
		if (count < 0 || count % BLOCKS_PER_PAGE != 0 || count / BLOCKS_PER_PAGE > Memory.RUNTIME_MAX_PAGES) {
			throw new IOException("Not a memory image: " + count + " blocks");
		}
		byte[][] blocks = new byte[count][];
		for (int index = 0; index < count; index++) {
			byte tag = in.readByte();
			blocks[index] = switch (tag) {
				case STORED_ZERO -> ZERO_BLOCK;
				case STORED_IN_BASE -> {
					if (index >= base.blocks.length) {
						throw new IOException("Block " + index + " of the memory image is not in its base");
					}
					yield base.blocks[index];
				}
				case STORED_HERE -> {
					byte[] block = new byte[BLOCK_SIZE];
					in.readFully(block);
					yield block;
				}
				default -> throw new IOException("Block " + index + " of the memory image has tag " + tag);
			};
		}
		return new MemoryImage(blocks);
	}

	/**
	 * The size of the image.
	 * @return the number of 64 KiB pages
	 */
	public int pages() {
		return this.blocks.length / BLOCKS_PER_PAGE;
	}

	/**
	 * How much of this image is stored once for both this image and another: the bytes at
	 * the same places that the two images share, zeros included.
	 * @param other the other image
	 * @return the number of bytes
	 */
	public long bytesSharedWith(MemoryImage other) {
		long count = 0;
		for (int block = 0; block < Math.min(this.blocks.length, other.blocks.length); block++) {
			if (this.blocks[block] == other.blocks[block]) {
				count += BLOCK_SIZE;
			}
		}
		return count;
	}

	/** The number of blocks of the image. */
	int blocks() {
		return this.blocks.length;
	}

	/** The stored block at the index: never written, possibly shared. */
	byte[] block(int index) {
		return this.blocks[index];
	}

	/**
	 * The block to store at the index for the given contents: this image's own block or
	 * the zero block when equal, else the contents themselves, which the caller hands
	 * over.
	 */
	private byte[] shareOrKeep(int index, byte[] contents) {
		if (index < this.blocks.length && Arrays.equals(contents, this.blocks[index])) {
			return this.blocks[index];
		}
		return isZero(contents) ? ZERO_BLOCK : contents;
	}

	private static void write(byte[][] blocks, int segmentIndex, long offset, byte[] data) {
		long limit = (long) blocks.length * BLOCK_SIZE;
		if (offset < 0 || offset + data.length > limit) {
			throw new IllegalArgumentException("Data segment " + segmentIndex + " (" + data.length + " bytes at offset "
					+ offset + ") does not fit in the initial memory of " + limit + " bytes");
		}
		int address = (int) offset;
		int written = 0;
		while (written < data.length) {
			int block = address >>> BLOCK_SHIFT;
			int inBlock = address & (BLOCK_SIZE - 1);
			int chunk = Math.min(data.length - written, BLOCK_SIZE - inBlock);
			if (blocks[block] == ZERO_BLOCK) {
				blocks[block] = new byte[BLOCK_SIZE];
			}
			System.arraycopy(data, written, blocks[block], inBlock, chunk);
			address += chunk;
			written += chunk;
		}
	}

	private static boolean isZero(byte[] block) {
		return block == ZERO_BLOCK || Arrays.equals(block, ZERO_BLOCK);
	}

}
