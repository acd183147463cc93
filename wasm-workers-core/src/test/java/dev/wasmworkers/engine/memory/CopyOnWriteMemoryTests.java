package dev.wasmworkers.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wasm.types.DataSegment;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.PassiveDataSegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CopyOnWriteMemoryTests {

	private static final int PAGE = Memory.PAGE_SIZE;

	private static final int BLOCK = MemoryImage.BLOCK_SIZE;

	private static final MemoryLimits LIMITS = new MemoryLimits(3, 6);

	/** Page 0 and 2 hold a pattern, page 1 is zeros. */
	private final byte[] contents = initialContents();

	private final MemoryImage image = MemoryImage.of(reference());

	@Test
	void readsTheImageBeforeAnyWrite() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);

		assertThat(memory.pages()).isEqualTo(3);
		assertThat(memory.readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
		assertThat(memory.copiedBytes()).isZero();
	}

	@Test
	void aReleasedMemorysBlocksServeTheNextMemoryWithNothingOfItsWritesAndItTrapsAfter() {
		CopyOnWriteMemory first = new CopyOnWriteMemory(this.image, LIMITS);
		first.fill((byte) 0x5A, 0, 3 * PAGE);
		first.release();

		CopyOnWriteMemory next = new CopyOnWriteMemory(this.image, LIMITS);
		next.writeByte(PAGE + 7, (byte) 1);
		next.writeByte(10, (byte) 2);
		Memory expected = reference();
		expected.writeByte(PAGE + 7, (byte) 1);
		expected.writeByte(10, (byte) 2);

		assertThat(next.readBytes(0, 3 * PAGE)).as("a zero block and an image block, copied into reused blocks")
			.isEqualTo(expected.readBytes(0, 3 * PAGE));
		assertThat(first.pages()).isZero();
		assertThatExceptionOfType(WasmRuntimeException.class).isThrownBy(() -> first.read(10))
			.withMessageContaining("out of bounds memory access");
		assertThatExceptionOfType(WasmRuntimeException.class).isThrownBy(() -> first.writeI32(PAGE, 1))
			.withMessageContaining("out of bounds memory access");
	}

	@Test
	void readsAndWritesEveryWidthAtEveryPlaceAroundAPageOrBlockEdge() {
		for (int address : edges()) {
			for (Access access : Access.values()) {
				Memory expected = reference();
				CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);

				assertThat(access.read(memory, address)).as("%s at %d before", access, address)
					.isEqualTo(access.read(expected, address));
				access.write(expected, address, 0x1122334455667788L);
				access.write(memory, address, 0x1122334455667788L);
				assertThat(access.read(memory, address)).as("%s at %d after", access, address)
					.isEqualTo(access.read(expected, address));
				assertThat(memory.readBytes(0, 3 * PAGE)).isEqualTo(expected.readBytes(0, 3 * PAGE));
				assertThat(memory.copiedBytes())
					.isEqualTo((long) ((address + access.size - 1) / BLOCK - address / BLOCK + 1) * BLOCK);
			}
		}
	}

	@Test
	void trapsEveryWidthThatReachesPastTheEndWithoutWritingAnything() {
		int end = 3 * PAGE;
		for (Access access : Access.values()) {
			CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
			int lastFitting = end - access.size;

			access.write(memory, lastFitting, -1L);
			for (int address : new int[] { lastFitting + 1, end, Integer.MAX_VALUE, -1, Integer.MIN_VALUE }) {
				assertThatOutOfBounds(() -> access.read(memory, address));
				assertThatOutOfBounds(() -> access.write(memory, address, 0));
			}
			assertThat(memory.readBytes(lastFitting, access.size)).containsOnly((byte) -1);
			assertThat(memory.readBytes(0, end - access.size))
				.isEqualTo(Arrays.copyOf(this.contents, end - access.size));
		}
	}

	@Test
	void writesNeverReachTheImageNorAnotherMemoryOfIt() {
		CopyOnWriteMemory first = new CopyOnWriteMemory(this.image, LIMITS);
		CopyOnWriteMemory second = new CopyOnWriteMemory(this.image, LIMITS);

		first.fill((byte) 7, 0, 3 * PAGE);

		assertThat(second.readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
		assertThat(new CopyOnWriteMemory(this.image, LIMITS).readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
		assertThat(first.readBytes(0, 3 * PAGE)).containsOnly((byte) 7);
		assertThat(first.copiedBytes()).isEqualTo(3 * PAGE);
	}

	@Test
	void growsWithPagesOfZerosUpToTheMaximum() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);

		assertThat(memory.grow(0)).isEqualTo(3);
		assertThat(memory.grow(2)).isEqualTo(3);
		assertThat(memory.pages()).isEqualTo(5);
		assertThat(memory.readBytes(3 * PAGE, 2 * PAGE)).containsOnly((byte) 0);
		assertThat(memory.copiedBytes()).isZero();
		memory.writeLong(5 * PAGE - 8, 42);
		assertThat(memory.readLong(5 * PAGE - 8)).isEqualTo(42);
		assertThat(memory.copiedBytes()).isEqualTo(BLOCK);
		assertThat(memory.grow(2)).isEqualTo(-1);
		assertThat(memory.grow(-1)).isEqualTo(-1);
		assertThat(memory.grow(Integer.MAX_VALUE)).isEqualTo(-1);
		assertThat(memory.grow(1)).isEqualTo(5);
		assertThat(memory.pages()).isEqualTo(6);
		assertThat(memory.maximumPages()).isEqualTo(6);
		assertThatOutOfBounds(() -> memory.read(6 * PAGE));
	}

	@Test
	void growsFarBeyondItsFirstSizeWhenTheMaximumAllows() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, new MemoryLimits(3, MemoryLimits.MAX_PAGES));

		for (int i = 0; i < 100; i++) {
			assertThat(memory.grow(3)).isEqualTo(3 + 3 * i);
			memory.writeI32(memory.pages() * PAGE - 4, i);
		}

		assertThat(memory.maximumPages()).isEqualTo(Memory.RUNTIME_MAX_PAGES);
		for (int i = 0; i < 100; i++) {
			assertThat(memory.readInt((6 + 3 * i) * PAGE - 4)).isEqualTo(i);
		}
		assertThat(memory.readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
	}

	@Test
	void startsAtTheLimitsInitialSizeWhenThatIsLargerThanTheImage() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, new MemoryLimits(5, 6));

		assertThat(memory.pages()).isEqualTo(5);
		assertThat(memory.initialPages()).isEqualTo(5);
		assertThat(memory.readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
		assertThat(memory.readBytes(3 * PAGE, 2 * PAGE)).containsOnly((byte) 0);
	}

	@Test
	void refusesLimitsTheImageDoesNotFitInAndSharedMemories() {
		assertThatIllegalArgumentException().isThrownBy(() -> new CopyOnWriteMemory(this.image, new MemoryLimits(1, 2)))
			.withMessageContaining("3 pages");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CopyOnWriteMemory(this.image, new MemoryLimits(3, 6, true)))
			.withMessageContaining("shared");
	}

	@Test
	void fillsAcrossPagesAndLeavesBlocksOfZerosUncopiedWhenFillingWithZeros() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
		Memory expected = reference();

		memory.fill((byte) 0, PAGE + 10, 2 * PAGE);
		assertThat(memory.copiedBytes()).isZero();
		memory.fill((byte) 0, PAGE - 10, 2 * PAGE + 10);
		expected.fill((byte) 0, PAGE - 10, 2 * PAGE + 10);
		memory.fill((byte) 5, 2 * PAGE + 100, 2 * PAGE + 100);
		memory.fill((byte) 9, PAGE - 3, PAGE + 3);
		expected.fill((byte) 9, PAGE - 3, PAGE + 3);

		assertThat(memory.readBytes(0, 3 * PAGE)).isEqualTo(expected.readBytes(0, 3 * PAGE));
		assertThat(memory.copiedBytes()).isEqualTo(3 * BLOCK);
		assertThatOutOfBounds(() -> memory.fill((byte) 1, 3 * PAGE - 1, 3 * PAGE + 1));
		assertThatOutOfBounds(() -> memory.fill((byte) 1, -1, 3));
		assertThat(memory.read(3 * PAGE - 1)).isEqualTo(expected.read(3 * PAGE - 1));
	}

	@Test
	void copiesOverlappingRangesAcrossPagesInBothDirections() {
		int[][] copies = { { PAGE - 100, PAGE - 150, 300 }, { PAGE - 150, PAGE - 100, 300 },
				{ BLOCK - 3, BLOCK - 1, 2 * BLOCK + 5 }, { BLOCK - 1, BLOCK - 3, 2 * BLOCK + 5 },
				{ 2 * PAGE + 5, 5, PAGE - 7 }, { 5, 2 * PAGE + 5, PAGE - 5 }, { 10, 20, PAGE * 2 },
				{ 20, 10, PAGE * 2 }, { 0, 0, 3 * PAGE }, { 3 * PAGE, 0, 0 }, { 70_000, 70_001, 1 } };
		for (int[] copy : copies) {
			CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
			Memory expected = reference();

			memory.copy(copy[0], copy[1], copy[2]);
			expected.copy(copy[0], copy[1], copy[2]);

			assertThat(memory.readBytes(0, 3 * PAGE)).as("copy %s", Arrays.toString(copy))
				.isEqualTo(expected.readBytes(0, 3 * PAGE));
		}
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
		assertThatOutOfBounds(() -> memory.copy(3 * PAGE - 10, 0, 11));
		assertThatOutOfBounds(() -> memory.copy(0, 3 * PAGE - 10, 11));
		assertThatOutOfBounds(() -> memory.copy(0, 3 * PAGE + 1, 0));
		assertThat(memory.copiedBytes()).isZero();
	}

	@Test
	void readsAndWritesByteArraysAcrossPages() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
		byte[] data = new byte[PAGE + 20];
		new Random(3).nextBytes(data);

		memory.write(PAGE - 10, data, 0, data.length);
		memory.write(5, data, 7, 3);

		assertThat(memory.readBytes(PAGE - 10, data.length)).isEqualTo(data);
		assertThat(memory.readBytes(5, 3)).isEqualTo(Arrays.copyOfRange(data, 7, 10));
		assertThat(memory.readBytes(3 * PAGE, 0)).isEmpty();
		assertThatOutOfBounds(() -> memory.write(3 * PAGE - 2, new byte[3]));
		assertThatOutOfBounds(() -> memory.write(0, data, data.length - 2, 3));
		assertThatOutOfBounds(() -> memory.write(0, data, -1, 3));
		assertThatOutOfBounds(() -> memory.readBytes(3 * PAGE - 2, 3));
		assertThatOutOfBounds(() -> memory.readBytes(-2, 1));
		assertThat(memory.readBytes(3 * PAGE - 2, 2))
			.isEqualTo(Arrays.copyOfRange(this.contents, 3 * PAGE - 2, 3 * PAGE));
	}

	@Test
	void zeroClearsEveryPageAndInitializePutsTheImageBack() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
		memory.writeI32(PAGE * 2, 99);

		memory.zero();
		assertThat(memory.readBytes(0, 3 * PAGE)).containsOnly((byte) 0);
		memory.writeI32(PAGE * 2, 99);
		memory.initialize(null, new DataSegment[0], 0);

		assertThat(memory.readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
		assertThat(memory.copiedBytes()).isEqualTo(2 * BLOCK);
	}

	@Test
	void initializesFromPassiveSegmentsUntilTheyAreDropped() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
		byte[] data = "passive segment".getBytes();
		memory.initialize(null, new DataSegment[] { new PassiveDataSegment(data) });

		memory.initPassiveSegment(0, PAGE - 4, 0, data.length);
		assertThat(memory.readBytes(PAGE - 4, data.length)).isEqualTo(data);
		assertThatOutOfBounds(() -> memory.initPassiveSegment(0, 0, 10, 6));
		memory.drop(0);
		memory.initPassiveSegment(0, 0, 0, 0);
		assertThatOutOfBounds(() -> memory.initPassiveSegment(0, 0, 0, 1));
	}

	@Test
	void runsAtomicInstructionsAsPlainOnesAndRefusesToWait() {
		CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);

		memory.atomicWriteInt(PAGE, 40);
		assertThat(memory.atomicAddInt(PAGE, 2)).isEqualTo(40);
		assertThat(memory.atomicCmpxchgLong(PAGE + 8, 0, 5)).isZero();
		assertThat(memory.atomicXchgShort(PAGE + 16, (short) 3)).isZero();
		assertThat(memory.atomicReadInt(PAGE)).isEqualTo(42);
		assertThat(memory.atomicReadLong(PAGE + 8)).isEqualTo(5);
		assertThat(memory.atomicReadShort(PAGE + 16)).isEqualTo((short) 3);
		assertThat(memory.atomicNotify(PAGE, 1)).isZero();
		assertThatExceptionOfType(WasmRuntimeException.class).isThrownBy(() -> memory.atomicWait(PAGE, 42, 1_000))
			.withMessageContaining("not shared");
		assertThat(memory.shared()).isFalse();
	}

	@Test
	void behavesLikeChicorysOwnMemoryUnderRandomOperations() {
		Random random = new Random(20261121);
		for (int round = 0; round < 20; round++) {
			CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
			Memory expected = reference();
			for (int step = 0; step < 2_000; step++) {
				Operation operation = Operation.random(random, expected.pages());
				assertThat(operation.apply(memory)).as("round %d step %d: %s", round, step, operation)
					.isEqualTo(operation.apply(expected));
			}
			assertThat(memory.pages()).isEqualTo(expected.pages());
			assertThat(memory.readBytes(0, memory.pages() * PAGE))
				.isEqualTo(expected.readBytes(0, expected.pages() * PAGE));
		}
		assertThat(new CopyOnWriteMemory(this.image, LIMITS).readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
	}

	@Test
	void memoriesOfOneImageOnManyThreadsNeverSeeEachOthersWrites() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int thread = 1; thread <= 4; thread++) {
				int id = thread;
				Callable<Integer> task = () -> {
					int runs = 0;
					for (int run = 0; run < 300; run++) {
						CopyOnWriteMemory memory = new CopyOnWriteMemory(this.image, LIMITS);
						long mark = ((long) id << 32) | run;
						for (int page = 0; page < 3; page++) {
							assertThat(memory.readLong(page * PAGE + 512)).isEqualTo(imageLong(page * PAGE + 512));
							memory.writeLong(page * PAGE + 512, mark);
						}
						Thread.yield();
						for (int page = 0; page < 3; page++) {
							assertThat(memory.readLong(page * PAGE + 512)).isEqualTo(mark);
							assertThat(memory.readLong(page * PAGE + 1024)).isEqualTo(imageLong(page * PAGE + 1024));
						}
						runs++;
					}
					return runs;
				};
				results.add(threads.submit(task));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(300);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(new CopyOnWriteMemory(this.image, LIMITS).readBytes(0, 3 * PAGE)).isEqualTo(this.contents);
	}

	/** Addresses from just before to just after a page edge and a block edge. */
	private static List<Integer> edges() {
		List<Integer> addresses = new ArrayList<>();
		for (int edge : new int[] { PAGE, 3 * BLOCK }) {
			for (int address = edge - 10; address <= edge + 2; address++) {
				addresses.add(address);
			}
		}
		return addresses;
	}

	private long imageLong(int address) {
		long value = 0;
		for (int i = 7; i >= 0; i--) {
			value = (value << 8) | (this.contents[address + i] & 0xFF);
		}
		return value;
	}

	private Memory reference() {
		Memory memory = new ByteArrayMemory(LIMITS);
		memory.write(0, this.contents);
		return memory;
	}

	private static byte[] initialContents() {
		byte[] bytes = new byte[3 * PAGE];
		Random random = new Random(42);
		for (int i = 0; i < PAGE; i++) {
			bytes[i] = (byte) random.nextInt();
			bytes[2 * PAGE + i] = (byte) random.nextInt();
		}
		return bytes;
	}

	private static void assertThatOutOfBounds(Runnable access) {
		assertThatExceptionOfType(WasmRuntimeException.class).isThrownBy(access::run)
			.withMessageStartingWith("out of bounds memory access");
	}

	/** One load and store width, read as raw bits. */
	enum Access {

		BYTE(1), SHORT(2), INT(4), LONG(8), FLOAT(4), DOUBLE(8);

		final int size;

		Access(int size) {
			this.size = size;
		}

		long read(Memory memory, int address) {
			return switch (this) {
				case BYTE -> memory.read(address);
				case SHORT -> memory.readShort(address);
				case INT -> memory.readInt(address);
				case LONG -> memory.readLong(address);
				case FLOAT -> Float.floatToRawIntBits(memory.readFloat(address));
				case DOUBLE -> Double.doubleToRawLongBits(memory.readDouble(address));
			};
		}

		void write(Memory memory, int address, long value) {
			switch (this) {
				case BYTE -> memory.writeByte(address, (byte) value);
				case SHORT -> memory.writeShort(address, (short) value);
				case INT -> memory.writeI32(address, (int) value);
				case LONG -> memory.writeLong(address, value);
				case FLOAT -> memory.writeF32(address, Float.intBitsToFloat((int) value));
				case DOUBLE -> memory.writeF64(address, Double.longBitsToDouble(value));
			}
		}

	}

	/** A random memory operation whose outcome can be compared between memories. */
	record Operation(String description, Function<Memory, Object> action) {

		static Operation random(Random random, int pages) {
			int address = address(random, pages);
			int size = switch (random.nextInt(4)) {
				case 0 -> random.nextInt(16);
				case 1 -> random.nextInt(PAGE * 2);
				case 2 -> PAGE;
				default -> random.nextInt(300);
			};
			long value = random.nextLong();
			Access access = Access.values()[random.nextInt(Access.values().length)];
			return switch (random.nextInt(9)) {
				case 0, 1 -> new Operation("read " + access + " at " + address, (m) -> access.read(m, address));
				case 2, 3 -> new Operation("write " + access + " at " + address, (m) -> {
					access.write(m, address, value);
					return null;
				});
				case 4 -> new Operation("readBytes " + size + " at " + address, (m) -> m.readBytes(address, size));
				case 5 -> {
					byte[] data = new byte[size];
					random.nextBytes(data);
					yield new Operation("write " + size + " bytes at " + address, (m) -> {
						m.write(address, data);
						return null;
					});
				}
				case 6 -> new Operation("fill " + size + " at " + address, (m) -> {
					m.fill((byte) value, address, address + size);
					return null;
				});
				case 7 -> {
					int source = address(random, pages);
					yield new Operation("copy " + size + " from " + source + " to " + address, (m) -> {
						m.copy(address, source, size);
						return null;
					});
				}
				default -> {
					int delta = random.nextInt(3) - (random.nextInt(10) == 0 ? 1 : 0);
					yield new Operation("grow " + delta, (m) -> m.grow(delta));
				}
			};
		}

		private static int address(Random random, int pages) {
			return switch (random.nextInt(5)) {
				case 0 -> random.nextInt(pages * (PAGE / BLOCK) + 1) * BLOCK - 8 + random.nextInt(16);
				case 1 -> pages * PAGE - random.nextInt(20);
				case 2 -> -random.nextInt(10);
				default -> random.nextInt(pages * PAGE + 10);
			};
		}

		Object apply(Memory memory) {
			try {
				Object result = this.action.apply(memory);
				return (result instanceof byte[] bytes) ? Arrays.toString(bytes) : String.valueOf(result);
			}
			catch (WasmRuntimeException ex) {
				assertThat(ex.getMessage()).startsWith("out of bounds memory access");
				return "out of bounds";
			}
		}

		@Override
		public String toString() {
			return this.description;
		}

	}

}
