package dev.wasmworkers.engine.memory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A linear memory that starts as a {@link MemoryImage} and copies a 64 KiB page of it the
 * first time the page is written; pages it grows by are allocated on their first write
 * too.
 *
 * <p>
 * Like every Chicory memory it belongs to one instance, used by one thread at a time; the
 * image it reads from may be shared by any number of memories on any threads, since no
 * write ever reaches it. It cannot be a shared memory (the threads proposal); atomic
 * instructions work on it as on any unshared memory, and {@code memory.atomic.wait}
 * traps.
 *
 * <p>
 * Give it to an instance with
 * {@code Instance.builder(module).withMemoryFactory((limits) -> new CopyOnWriteMemory(image, limits))}
 * for a module whose only memory is the one the image was made for. Chicory calls
 * {@link #zero()} and then {@link #initialize(Instance, DataSegment[], int)} on the
 * memories it creates: the first clears every page, and the second puts the image back
 * (the image holds the module's active data segments already) and keeps the segments for
 * {@code memory.init}; neither copies any bytes.
 */
public final class CopyOnWriteMemory implements Memory {

	private static final int PAGE_SIZE = MemoryImage.PAGE_SIZE;

	private static final int PAGE_SHIFT = 16;

	private static final int PAGE_MASK = PAGE_SIZE - 1;

	private static final byte[] ZERO_PAGE = MemoryImage.ZERO_PAGE;

	private static final VarHandle SHORTS = MethodHandles.byteArrayViewVarHandle(short[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle FLOATS = MethodHandles.byteArrayViewVarHandle(float[].class,
			ByteOrder.LITTLE_ENDIAN);

	private static final VarHandle DOUBLES = MethodHandles.byteArrayViewVarHandle(double[].class,
			ByteOrder.LITTLE_ENDIAN);

	private final MemoryImage image;

	private final int initialPages;

	private final int maximumPages;

	private final Object atomicsLock = new Object();

	/**
	 * The page to read at each index below {@link #pages}: the image's, the zero page, or
	 * this memory's own copy; {@code null} above.
	 */
	private byte[][] readable;

	/**
	 * This memory's own copy of the page at each index, {@code null} where it has not
	 * written the page yet; as long as {@link #readable}.
	 */
	private byte[][] writable;

	private int pages;

	private int copiedPages;

	private DataSegment[] dataSegments = new DataSegment[0];

	/**
	 * Creates a memory holding the image, grown with zeros to the limits' initial size
	 * when that is larger.
	 * @param image the image to start from
	 * @param limits the memory's limits
	 * @throws IllegalArgumentException when the limits are those of a shared memory, or
	 * their maximum is smaller than the image
	 */
	public CopyOnWriteMemory(MemoryImage image, MemoryLimits limits) {
		if (limits.shared()) {
			throw new IllegalArgumentException("A copy-on-write memory cannot be shared between threads");
		}
		this.image = image;
		this.initialPages = limits.initialPages();
		this.maximumPages = Math.min(limits.maximumPages(), RUNTIME_MAX_PAGES);
		int size = Math.max(image.pages(), limits.initialPages());
		if (size > this.maximumPages) {
			throw new IllegalArgumentException("A memory image of " + image.pages()
					+ " pages does not fit in a memory of at most " + this.maximumPages + " pages");
		}
		this.readable = new byte[size][];
		this.writable = new byte[size][];
		this.pages = size;
		showImage();
	}

	/**
	 * How many pages this memory has copied or allocated, each on its first write.
	 * @return the number of pages, counting a page again if it was copied again after
	 * {@link #zero()}
	 */
	public int copiedPages() {
		return this.copiedPages;
	}

	@Override
	public int pages() {
		return this.pages;
	}

	@Override
	public int grow(int size) {
		int previous = this.pages;
		long wanted = (long) previous + size;
		if (size < 0 || wanted > this.maximumPages) {
			return -1;
		}
		int grown = (int) wanted;
		if (grown > this.readable.length) {
			int capacity = Math.min(this.maximumPages, Math.max(grown, this.readable.length * 2));
			this.readable = Arrays.copyOf(this.readable, capacity);
			this.writable = Arrays.copyOf(this.writable, capacity);
		}
		Arrays.fill(this.readable, previous, grown, ZERO_PAGE);
		this.pages = grown;
		return previous;
	}

	@Override
	public int initialPages() {
		return this.initialPages;
	}

	@Override
	public int maximumPages() {
		return this.maximumPages;
	}

	@Override
	public boolean shared() {
		return false;
	}

	/**
	 * The lock the atomic instructions hold; uncontended, as the memory is not shared.
	 */
	@Override
	@SuppressWarnings("removal")
	public Object lock(int address) {
		return this.atomicsLock;
	}

	@Override
	@SuppressWarnings("removal")
	public int waitOn(int address, int expected, long timeout) {
		throw new WasmRuntimeException("memory.atomic.wait32 on a memory that is not shared");
	}

	@Override
	@SuppressWarnings("removal")
	public int waitOn(int address, long expected, long timeout) {
		throw new WasmRuntimeException("memory.atomic.wait64 on a memory that is not shared");
	}

	/** Wakes nobody: no thread can wait on a memory that is not shared. */
	@Override
	@SuppressWarnings("removal")
	public int notify(int address, int maxThreads) {
		return 0;
	}

	/**
	 * Puts the image back and keeps the segments for {@code memory.init}; the active
	 * segments are not written, as the image already holds them.
	 */
	@Override
	public void initialize(Instance instance, DataSegment[] dataSegments) {
		this.dataSegments = (dataSegments != null) ? dataSegments : new DataSegment[0];
		showImage();
	}

	/**
	 * Puts the image back and keeps the segments for {@code memory.init}, as
	 * {@link #initialize(Instance, DataSegment[])}.
	 */
	@Override
	public void initialize(Instance instance, DataSegment[] dataSegments, int memoryIndex) {
		initialize(instance, dataSegments);
	}

	@Override
	public void initPassiveSegment(int segmentId, int dest, int offset, int size) {
		write(dest, this.dataSegments[segmentId].data(), offset, size);
	}

	@Override
	public void drop(int segment) {
		this.dataSegments[segment] = PassiveDataSegment.EMPTY;
	}

	/** Makes every page a page of zeros, dropping this memory's own copies. */
	@Override
	public void zero() {
		Arrays.fill(this.readable, 0, this.pages, ZERO_PAGE);
		Arrays.fill(this.writable, 0, this.pages, null);
	}

	@Override
	public void fill(byte value, int fromIndex, int toIndex) {
		int address = fromIndex;
		int remaining = toIndex - fromIndex;
		checkBounds(address, remaining);
		while (remaining > 0) {
			int inPage = address & PAGE_MASK;
			int chunk = Math.min(remaining, PAGE_SIZE - inPage);
			if (value != 0 || this.readable[address >>> PAGE_SHIFT] != ZERO_PAGE) {
				Arrays.fill(writablePage(address, chunk), inPage, inPage + chunk, value);
			}
			address += chunk;
			remaining -= chunk;
		}
	}

	@Override
	public void copy(int dest, int src, int size) {
		checkBounds(dest, size);
		checkBounds(src, size);
		if (dest <= src || dest >= src + size) {
			copyForward(dest, src, size);
		}
		else {
			copyBackward(dest, src, size);
		}
	}

	private void copyForward(int dest, int src, int size) {
		while (size > 0) {
			int chunk = Math.min(size, PAGE_SIZE - Math.max(dest & PAGE_MASK, src & PAGE_MASK));
			byte[] to = writablePage(dest, chunk);
			System.arraycopy(readablePage(src, chunk), src & PAGE_MASK, to, dest & PAGE_MASK, chunk);
			dest += chunk;
			src += chunk;
			size -= chunk;
		}
	}

	private void copyBackward(int dest, int src, int size) {
		int destEnd = dest + size;
		int srcEnd = src + size;
		while (size > 0) {
			int destAvailable = ((destEnd & PAGE_MASK) == 0) ? PAGE_SIZE : destEnd & PAGE_MASK;
			int srcAvailable = ((srcEnd & PAGE_MASK) == 0) ? PAGE_SIZE : srcEnd & PAGE_MASK;
			int chunk = Math.min(size, Math.min(destAvailable, srcAvailable));
			destEnd -= chunk;
			srcEnd -= chunk;
			byte[] to = writablePage(destEnd, chunk);
			System.arraycopy(readablePage(srcEnd, chunk), srcEnd & PAGE_MASK, to, destEnd & PAGE_MASK, chunk);
			size -= chunk;
		}
	}

	@Override
	public void write(int addr, byte[] data, int offset, int size) {
		if (offset < 0 || size < 0 || (long) offset + size > data.length) {
			throw outOfBounds(addr, size);
		}
		checkBounds(addr, size);
		while (size > 0) {
			int chunk = Math.min(size, PAGE_SIZE - (addr & PAGE_MASK));
			System.arraycopy(data, offset, writablePage(addr, chunk), addr & PAGE_MASK, chunk);
			addr += chunk;
			offset += chunk;
			size -= chunk;
		}
	}

	@Override
	public byte[] readBytes(int addr, int len) {
		checkBounds(addr, len);
		byte[] result = new byte[len];
		int done = 0;
		while (done < len) {
			int chunk = Math.min(len - done, PAGE_SIZE - (addr & PAGE_MASK));
			System.arraycopy(readablePage(addr, chunk), addr & PAGE_MASK, result, done, chunk);
			addr += chunk;
			done += chunk;
		}
		return result;
	}

	@Override
	public byte read(int addr) {
		return readablePage(addr, 1)[addr & PAGE_MASK];
	}

	@Override
	public void writeByte(int addr, byte data) {
		writablePage(addr, 1)[addr & PAGE_MASK] = data;
	}

	@Override
	public short readShort(int addr) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 2) {
			return (short) SHORTS.get(readablePage(addr, 2), offset);
		}
		return (short) readAcrossPages(addr, 2);
	}

	@Override
	public long readU16(int addr) {
		return readShort(addr) & 0xFFFFL;
	}

	@Override
	public void writeShort(int addr, short data) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 2) {
			SHORTS.set(writablePage(addr, 2), offset, data);
		}
		else {
			writeAcrossPages(addr, data, 2);
		}
	}

	@Override
	public int readInt(int addr) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 4) {
			return (int) INTS.get(readablePage(addr, 4), offset);
		}
		return (int) readAcrossPages(addr, 4);
	}

	@Override
	public void writeI32(int addr, int data) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 4) {
			INTS.set(writablePage(addr, 4), offset, data);
		}
		else {
			writeAcrossPages(addr, data, 4);
		}
	}

	@Override
	public long readLong(int addr) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 8) {
			return (long) LONGS.get(readablePage(addr, 8), offset);
		}
		return readAcrossPages(addr, 8);
	}

	@Override
	public void writeLong(int addr, long data) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 8) {
			LONGS.set(writablePage(addr, 8), offset, data);
		}
		else {
			writeAcrossPages(addr, data, 8);
		}
	}

	@Override
	public float readFloat(int addr) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 4) {
			return (float) FLOATS.get(readablePage(addr, 4), offset);
		}
		return Float.intBitsToFloat((int) readAcrossPages(addr, 4));
	}

	@Override
	public long readF32(int addr) {
		return readInt(addr);
	}

	@Override
	public void writeF32(int addr, float data) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 4) {
			FLOATS.set(writablePage(addr, 4), offset, data);
		}
		else {
			writeAcrossPages(addr, Float.floatToRawIntBits(data), 4);
		}
	}

	@Override
	public double readDouble(int addr) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 8) {
			return (double) DOUBLES.get(readablePage(addr, 8), offset);
		}
		return Double.longBitsToDouble(readAcrossPages(addr, 8));
	}

	@Override
	public long readF64(int addr) {
		return readLong(addr);
	}

	@Override
	public void writeF64(int addr, double data) {
		int offset = addr & PAGE_MASK;
		if (offset <= PAGE_SIZE - 8) {
			DOUBLES.set(writablePage(addr, 8), offset, data);
		}
		else {
			writeAcrossPages(addr, Double.doubleToRawLongBits(data), 8);
		}
	}

	/**
	 * The page at the index as it is now, when this memory has not written it: the
	 * image's page or the zero page; {@code null} when it has its own copy.
	 */
	byte[] unwrittenPage(int index) {
		return (this.writable[index] == null) ? this.readable[index] : null;
	}

	private long readAcrossPages(int addr, int size) {
		checkBounds(addr, size);
		long value = 0;
		for (int i = 0; i < size; i++) {
			value |= (read(addr + i) & 0xFFL) << (8 * i);
		}
		return value;
	}

	private void writeAcrossPages(int addr, long value, int size) {
		checkBounds(addr, size);
		for (int i = 0; i < size; i++) {
			writeByte(addr + i, (byte) (value >>> (8 * i)));
		}
	}

	/**
	 * The page holding {@code addr}, to read {@code size} bytes that lie within it.
	 */
	private byte[] readablePage(int addr, int size) {
		byte[][] pagesNow = this.readable;
		int index = addr >>> PAGE_SHIFT;
		if (index < pagesNow.length) {
			byte[] page = pagesNow[index];
			if (page != null) {
				return page;
			}
		}
		throw outOfBounds(addr, size);
	}

	/**
	 * The page holding {@code addr}, to write {@code size} bytes that lie within it: this
	 * memory's own copy, made now if it has none yet.
	 */
	private byte[] writablePage(int addr, int size) {
		byte[][] copies = this.writable;
		int index = addr >>> PAGE_SHIFT;
		if (index < copies.length) {
			byte[] page = copies[index];
			if (page != null) {
				return page;
			}
		}
		return copyPage(addr, size);
	}

	private byte[] copyPage(int addr, int size) {
		int index = addr >>> PAGE_SHIFT;
		if (index >= this.pages) {
			throw outOfBounds(addr, size);
		}
		byte[] source = this.readable[index];
		byte[] copy = (source == ZERO_PAGE) ? new byte[PAGE_SIZE] : source.clone();
		this.readable[index] = copy;
		this.writable[index] = copy;
		this.copiedPages++;
		return copy;
	}

	private void showImage() {
		for (int page = 0; page < this.pages; page++) {
			this.readable[page] = (page < this.image.pages()) ? this.image.page(page) : ZERO_PAGE;
		}
		Arrays.fill(this.writable, 0, this.pages, null);
	}

	private void checkBounds(int addr, int size) {
		if (addr < 0 || size < 0 || (long) addr + size > (long) this.pages * PAGE_SIZE) {
			throw outOfBounds(addr, size);
		}
	}

	private WasmRuntimeException outOfBounds(int addr, int size) {
		return new WasmRuntimeException("out of bounds memory access: " + size + " bytes at address "
				+ Integer.toUnsignedString(addr) + " in a memory of " + ((long) this.pages * PAGE_SIZE) + " bytes");
	}

}
