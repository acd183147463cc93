package dev.wasmworkers.engine.memory;

import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.ActiveDataSegment;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.ExternalType;
import java.util.Arrays;

/**
 * The contents of a linear memory, page by page, frozen: every {@link CopyOnWriteMemory}
 * started from it reads these pages until it writes its own copy.
 *
 * <p>
 * An image never changes after it is made, so one image serves any number of memories on
 * any number of threads. Pages of zeros are not stored, and an image made with a base
 * image shares every page that is equal to the base's, so that, for example, each Python
 * worker's image holds only the pages its own start-up changed in the CPython runtime's
 * image.
 */
public final class MemoryImage {

	static final int PAGE_SIZE = Memory.PAGE_SIZE;

	/** The one page of zeros every image and memory points to; never written. */
	static final byte[] ZERO_PAGE = new byte[PAGE_SIZE];

	private static final MemoryImage EMPTY = new MemoryImage(new byte[0][]);

	private final byte[][] pages;

	private MemoryImage(byte[][] pages) {
		this.pages = pages;
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
		int pageCount = module.memorySection()
			.filter((section) -> section.memoryCount() > 0)
			.map((section) -> section.getMemory(0).limits().initialPages())
			.orElse(0);
		byte[][] pages = new byte[pageCount][];
		Arrays.fill(pages, ZERO_PAGE);
		DataSegment[] segments = module.dataSection().dataSegments();
		SegmentOffsets offsets = new SegmentOffsets(module);
		for (int i = 0; i < segments.length; i++) {
			if (segments[i] instanceof ActiveDataSegment segment && segment.index() == 0) {
				write(pages, i, offsets.offset(i, segment), segment.data());
			}
		}
		for (int page = 0; page < pageCount; page++) {
			if (isZero(pages[page])) {
				pages[page] = ZERO_PAGE;
			}
		}
		return new MemoryImage(pages);
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
	 * The current contents of a memory, sharing every page that is equal to the page at
	 * the same place in a base image. A page the memory still shares with its own image
	 * (when it is a {@link CopyOnWriteMemory}) is shared without being compared.
	 * @param memory the memory, which must not change while the image is taken
	 * @param base the image to share equal pages with
	 * @return the image
	 */
	public static MemoryImage of(Memory memory, MemoryImage base) {
		int pageCount = memory.pages();
		byte[][] pages = new byte[pageCount][];
		CopyOnWriteMemory copyOnWrite = (memory instanceof CopyOnWriteMemory cow) ? cow : null;
		for (int page = 0; page < pageCount; page++) {
			byte[] unwritten = (copyOnWrite != null) ? copyOnWrite.unwrittenPage(page) : null;
			pages[page] = (unwritten != null) ? unwritten
					: base.shareOrKeep(page, memory.readBytes(page * PAGE_SIZE, PAGE_SIZE));
		}
		return new MemoryImage(pages);
	}

	/**
	 * The size of the image.
	 * @return the number of 64 KiB pages
	 */
	public int pages() {
		return this.pages.length;
	}

	/**
	 * How many pages this image shares with another, page for page: the memory the two
	 * images do not each hold on their own. Pages of zeros count as shared.
	 * @param other the other image
	 * @return the number of pages at the same place that are the same stored page
	 */
	public int pagesSharedWith(MemoryImage other) {
		int count = 0;
		for (int page = 0; page < Math.min(this.pages.length, other.pages.length); page++) {
			if (this.pages[page] == other.pages[page]) {
				count++;
			}
		}
		return count;
	}

	/** The stored page at the index: never written, possibly shared. */
	byte[] page(int index) {
		return this.pages[index];
	}

	/**
	 * The page to store at the index for the given contents: this image's own page or the
	 * zero page when equal, else the contents themselves, which the caller hands over.
	 */
	private byte[] shareOrKeep(int index, byte[] contents) {
		if (index < this.pages.length && Arrays.equals(contents, this.pages[index])) {
			return this.pages[index];
		}
		return isZero(contents) ? ZERO_PAGE : contents;
	}

	private static void write(byte[][] pages, int segmentIndex, long offset, byte[] data) {
		long limit = (long) pages.length * PAGE_SIZE;
		if (offset < 0 || offset + data.length > limit) {
			throw new IllegalArgumentException("Data segment " + segmentIndex + " (" + data.length + " bytes at offset "
					+ offset + ") does not fit in the initial memory of " + limit + " bytes");
		}
		int address = (int) offset;
		int written = 0;
		while (written < data.length) {
			int page = address / PAGE_SIZE;
			int inPage = address % PAGE_SIZE;
			int chunk = Math.min(data.length - written, PAGE_SIZE - inPage);
			if (pages[page] == ZERO_PAGE) {
				pages[page] = new byte[PAGE_SIZE];
			}
			System.arraycopy(data, written, pages[page], inPage, chunk);
			address += chunk;
			written += chunk;
		}
	}

	static boolean isZero(byte[] page) {
		return page == ZERO_PAGE || Arrays.equals(page, ZERO_PAGE);
	}

}
