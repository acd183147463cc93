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
import org.jspecify.annotations.Nullable;

/**
 * A linear memory that starts as a {@link MemoryImage} and copies a block of it (4 KiB)
 * the first time the block is written; the pages it grows by are allocated block by block
 * on their first write too.
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
 * memories it creates: the first clears the memory, and the second puts the image back
 * (the image holds the module's active data segments already) and keeps the segments for
 * {@code memory.init}; neither copies any bytes.
 */
public final class CopyOnWriteMemory implements Memory {

	private static final int BLOCK_SHIFT = MemoryImage.BLOCK_SHIFT;

	private static final int BLOCK_SIZE = MemoryImage.BLOCK_SIZE;

	private static final int BLOCK_MASK = BLOCK_SIZE - 1;

	private static final byte[] ZERO_BLOCK = MemoryImage.ZERO_BLOCK;

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
	 * The block to read at each index below {@code pages * BLOCKS_PER_PAGE}: the image's,
	 * the zero block, or this memory's own copy; {@code null} above.
	 */
	private byte[][] readable;

	/**
	 * This memory's own copy of the block at each index, {@code null} where it has not
	 * written the block yet; as long as {@link #readable}.
	 */
	private byte[][] writable;

	private int pages;

	private int copiedBlocks;

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
		this.readable = new byte[size * MemoryImage.BLOCKS_PER_PAGE][];
		this.writable = new byte[this.readable.length][];
		this.pages = size;
		showImage();
	}

	/**
	 * How many bytes this memory has copied from its image or allocated, a block at a
	 * time, each on the block's first write.
	 * @return the number of bytes, counting a block again if it was copied again after
	 * {@link #zero()}
	 */
	public long copiedBytes() {
		return (long) this.copiedBlocks * BLOCK_SIZE;
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
		int blocks = blocks(previous);
		int grownBlocks = blocks((int) wanted);
		if (grownBlocks > this.readable.length) {
			int capacity = Math.min(blocks(this.maximumPages), Math.max(grownBlocks, this.readable.length * 2));
			this.readable = Arrays.copyOf(this.readable, capacity);
			this.writable = Arrays.copyOf(this.writable, capacity);
		}
		Arrays.fill(this.readable, blocks, grownBlocks, ZERO_BLOCK);
		this.pages = (int) wanted;
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

	/**
	 * Ends the memory of an instance whose run has ended, when it is a copy-on-write
	 * memory ({@link #release()}); any other memory is left to the garbage collector.
	 * @param instance the instance, or {@code null} when the run made none
	 */
	public static void releaseMemoryOf(@Nullable Instance instance) {
		if (instance != null && instance.memory() instanceof CopyOnWriteMemory ended) {
			ended.release();
		}
	}

	/**
	 * Ends this memory: gives its own copies of blocks to the current thread's spare
	 * blocks, for the next memory made on that thread, and leaves it with no pages, so
	 * that any later access traps as out of bounds. Call it only once nothing will read
	 * or write this memory again (its run has ended and every image of it is taken).
	 */
	void release() {
		BlockPool pool = BlockPool.current();
		for (int block = 0; block < blocks(this.pages); block++) {
			if (this.writable[block] != null) {
				pool.give(this.writable[block]);
			}
		}
		this.readable = new byte[0][];
		this.writable = new byte[0][];
		this.pages = 0;
	}

	/** Makes every byte zero, dropping this memory's own copies. */
	@Override
	public void zero() {
		Arrays.fill(this.readable, 0, blocks(this.pages), ZERO_BLOCK);
		Arrays.fill(this.writable, 0, blocks(this.pages), null);
	}

	@Override
	public void fill(byte value, int fromIndex, int toIndex) {
		int address = fromIndex;
		int remaining = toIndex - fromIndex;
		checkBounds(address, remaining);
		while (remaining > 0) {
			int inBlock = address & BLOCK_MASK;
			int chunk = Math.min(remaining, BLOCK_SIZE - inBlock);
			if (value != 0 || this.readable[address >>> BLOCK_SHIFT] != ZERO_BLOCK) {
				Arrays.fill(writableBlock(address, chunk), inBlock, inBlock + chunk, value);
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
			int chunk = Math.min(size, BLOCK_SIZE - Math.max(dest & BLOCK_MASK, src & BLOCK_MASK));
			byte[] to = writableBlock(dest, chunk);
			System.arraycopy(readableBlock(src, chunk), src & BLOCK_MASK, to, dest & BLOCK_MASK, chunk);
			dest += chunk;
			src += chunk;
			size -= chunk;
		}
	}

	private void copyBackward(int dest, int src, int size) {
		int destEnd = dest + size;
		int srcEnd = src + size;
		while (size > 0) {
			int destAvailable = ((destEnd & BLOCK_MASK) == 0) ? BLOCK_SIZE : destEnd & BLOCK_MASK;
			int srcAvailable = ((srcEnd & BLOCK_MASK) == 0) ? BLOCK_SIZE : srcEnd & BLOCK_MASK;
			int chunk = Math.min(size, Math.min(destAvailable, srcAvailable));
			destEnd -= chunk;
			srcEnd -= chunk;
			byte[] to = writableBlock(destEnd, chunk);
			System.arraycopy(readableBlock(srcEnd, chunk), srcEnd & BLOCK_MASK, to, destEnd & BLOCK_MASK, chunk);
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
			int chunk = Math.min(size, BLOCK_SIZE - (addr & BLOCK_MASK));
			System.arraycopy(data, offset, writableBlock(addr, chunk), addr & BLOCK_MASK, chunk);
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
			int chunk = Math.min(len - done, BLOCK_SIZE - (addr & BLOCK_MASK));
			System.arraycopy(readableBlock(addr, chunk), addr & BLOCK_MASK, result, done, chunk);
			addr += chunk;
			done += chunk;
		}
		return result;
	}

	@Override
	public byte read(int addr) {
		return readableBlock(addr, 1)[addr & BLOCK_MASK];
	}

	@Override
	public void writeByte(int addr, byte data) {
		writableBlock(addr, 1)[addr & BLOCK_MASK] = data;
	}

	@Override
	public short readShort(int addr) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 2) {
			return (short) SHORTS.get(readableBlock(addr, 2), offset);
		}
		return (short) readAcrossBlocks(addr, 2);
	}

	@Override
	public long readU16(int addr) {
		return readShort(addr) & 0xFFFFL;
	}

	@Override
	public void writeShort(int addr, short data) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 2) {
			SHORTS.set(writableBlock(addr, 2), offset, data);
		}
		else {
			writeAcrossBlocks(addr, data, 2);
		}
	}

	@Override
	public int readInt(int addr) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 4) {
			return (int) INTS.get(readableBlock(addr, 4), offset);
		}
		return (int) readAcrossBlocks(addr, 4);
	}

	@Override
	public void writeI32(int addr, int data) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 4) {
			INTS.set(writableBlock(addr, 4), offset, data);
		}
		else {
			writeAcrossBlocks(addr, data, 4);
		}
	}

	@Override
	public long readLong(int addr) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 8) {
			return (long) LONGS.get(readableBlock(addr, 8), offset);
		}
		return readAcrossBlocks(addr, 8);
	}

	@Override
	public void writeLong(int addr, long data) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 8) {
			LONGS.set(writableBlock(addr, 8), offset, data);
		}
		else {
			writeAcrossBlocks(addr, data, 8);
		}
	}

	@Override
	public float readFloat(int addr) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 4) {
			return (float) FLOATS.get(readableBlock(addr, 4), offset);
		}
		return Float.intBitsToFloat((int) readAcrossBlocks(addr, 4));
	}

	@Override
	public long readF32(int addr) {
		return readInt(addr);
	}

	@Override
	public void writeF32(int addr, float data) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 4) {
			FLOATS.set(writableBlock(addr, 4), offset, data);
		}
		else {
			writeAcrossBlocks(addr, Float.floatToRawIntBits(data), 4);
		}
	}

	@Override
	public double readDouble(int addr) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 8) {
			return (double) DOUBLES.get(readableBlock(addr, 8), offset);
		}
		return Double.longBitsToDouble(readAcrossBlocks(addr, 8));
	}

	@Override
	public long readF64(int addr) {
		return readLong(addr);
	}

	@Override
	public void writeF64(int addr, double data) {
		int offset = addr & BLOCK_MASK;
		if (offset <= BLOCK_SIZE - 8) {
			DOUBLES.set(writableBlock(addr, 8), offset, data);
		}
		else {
			writeAcrossBlocks(addr, Double.doubleToRawLongBits(data), 8);
		}
	}

	/**
	 * The block at the index as it is now, when this memory has not written it: the
	 * image's block or the zero block; {@code null} when it has its own copy.
	 */
	byte[] unwrittenBlock(int index) {
		return (this.writable[index] == null) ? this.readable[index] : null;
	}

	private long readAcrossBlocks(int addr, int size) {
		checkBounds(addr, size);
		long value = 0;
		for (int i = 0; i < size; i++) {
			value |= (read(addr + i) & 0xFFL) << (8 * i);
		}
		return value;
	}

	private void writeAcrossBlocks(int addr, long value, int size) {
		checkBounds(addr, size);
		for (int i = 0; i < size; i++) {
			writeByte(addr + i, (byte) (value >>> (8 * i)));
		}
	}

	/**
	 * The block holding {@code addr}, to read {@code size} bytes that lie within it.
	 */
	private byte[] readableBlock(int addr, int size) {
		byte[][] blocks = this.readable;
		int index = addr >>> BLOCK_SHIFT;
		if (index < blocks.length) {
			byte[] block = blocks[index];
			if (block != null) {
				return block;
			}
		}
		throw outOfBounds(addr, size);
	}

	/**
	 * The block holding {@code addr}, to write {@code size} bytes that lie within it:
	 * this memory's own copy, made now if it has none yet.
	 */
	private byte[] writableBlock(int addr, int size) {
		byte[][] copies = this.writable;
		int index = addr >>> BLOCK_SHIFT;
		if (index < copies.length) {
			byte[] block = copies[index];
			if (block != null) {
				return block;
			}
		}
		return copyBlock(addr, size);
	}

	private byte[] copyBlock(int addr, int size) {
		int index = addr >>> BLOCK_SHIFT;
		if (index >= blocks(this.pages)) {
			throw outOfBounds(addr, size);
		}
		byte[] source = this.readable[index];
		byte[] copy = BlockPool.current().take();
		if (copy == null) {
			copy = (source == ZERO_BLOCK) ? new byte[BLOCK_SIZE] : source.clone();
		}
		else if (source == ZERO_BLOCK) {
			Arrays.fill(copy, (byte) 0);
		}
		else {
			System.arraycopy(source, 0, copy, 0, BLOCK_SIZE);
		}
		this.readable[index] = copy;
		this.writable[index] = copy;
		this.copiedBlocks++;
		return copy;
	}

	private void showImage() {
		int imageBlocks = this.image.blocks();
		int blocks = blocks(this.pages);
		for (int block = 0; block < blocks; block++) {
			this.readable[block] = (block < imageBlocks) ? this.image.block(block) : ZERO_BLOCK;
		}
		Arrays.fill(this.writable, 0, blocks, null);
	}

	private static int blocks(int pages) {
		return pages * MemoryImage.BLOCKS_PER_PAGE;
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
