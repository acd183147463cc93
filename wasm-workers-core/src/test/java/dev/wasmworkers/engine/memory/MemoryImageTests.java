package dev.wasmworkers.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MemoryImageTests {

	private static final int PAGE = Memory.PAGE_SIZE;

	private static final int BLOCK = MemoryImage.BLOCK_SIZE;

	@Test
	void holdsTheMemoryAModuleIsInstantiatedWith() {
		WasmModule module = module("""
				(memory 4 8)
				(global $base i32 (i32.const 70000))
				(data (i32.const 0) "first")
				(data (i32.const 65530) "across the page edge")
				(data (i32.const 200000) "third page")
				(data (i32.const 3) "overwrites")
				(data "passive, not written")
				""");

		MemoryImage image = MemoryImage.of(module);

		Memory instantiated = Instance.builder(module).withMemoryFactory(ByteArrayMemory::new).build().memory();
		assertThat(image.pages()).isEqualTo(4);
		assertThat(new CopyOnWriteMemory(image, new MemoryLimits(4, 8)).readBytes(0, 4 * PAGE))
			.isEqualTo(instantiated.readBytes(0, 4 * PAGE));
	}

	@Test
	void storesNoBlockOfZeros() {
		MemoryImage image = MemoryImage.of(module("""
				(memory 3)
				(data (i32.const 70000) "second page only")
				(data (i32.const 140000) "\\00\\00\\00")
				"""));
		MemoryImage empty = MemoryImage.of(module("(memory 3)"));

		assertThat(image.bytesSharedWith(empty)).isEqualTo(3 * PAGE - BLOCK);
		assertThat(empty.bytesSharedWith(MemoryImage.of(new ByteArrayMemory(new MemoryLimits(5))))).isEqualTo(3 * PAGE);
	}

	@Test
	void ofAModuleWithoutMemoryHasNoPages() {
		assertThat(MemoryImage.of(module("(func (export \"f\"))")).pages()).isZero();
	}

	@Test
	void refusesSegmentsThatDoNotFitAndOffsetsKnownOnlyWhenInstantiated() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MemoryImage.of(module("(memory 1) (data (i32.const 65530) \"too long\")")))
			.withMessageContaining("Data segment 0")
			.withMessageContaining("does not fit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MemoryImage.of(module("(memory 1) (data (i32.const -1) \"x\")")))
			.withMessageContaining("4294967295");
		assertThatIllegalArgumentException().isThrownBy(() -> MemoryImage.of(module("""
				(import "env" "base" (global i32))
				(memory 1)
				(data (global.get 0) "x")
				"""))).withMessageContaining("imported global 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MemoryImage.of(module("(import \"env\" \"memory\" (memory 1))")))
			.withMessageContaining("imports its memory");
	}

	@Test
	void ofAMemoryHoldsItsContentsAsTheyWereThen() {
		Memory memory = new ByteArrayMemory(new MemoryLimits(2, 4));
		memory.writeI32(PAGE + 4, 1234);

		MemoryImage image = MemoryImage.of(memory);
		memory.writeI32(PAGE + 4, 5678);
		memory.grow(1);

		assertThat(image.pages()).isEqualTo(2);
		assertThat(new CopyOnWriteMemory(image, new MemoryLimits(2, 4)).readInt(PAGE + 4)).isEqualTo(1234);
	}

	@Test
	void sharesTheBlocksThatEqualTheBaseImage() {
		MemoryImage base = labelledPages(4);
		Memory memory = new ByteArrayMemory(new MemoryLimits(4, 8));
		memory.write(0, new CopyOnWriteMemory(base, new MemoryLimits(4)).readBytes(0, 4 * PAGE));
		memory.writeByte(PAGE + 100, (byte) 1);
		memory.grow(2);
		memory.writeByte(5 * PAGE, (byte) 1);

		MemoryImage derived = MemoryImage.of(memory, base);

		assertThat(derived.pages()).isEqualTo(6);
		assertThat(derived.bytesSharedWith(base)).isEqualTo(4 * PAGE - BLOCK);
		CopyOnWriteMemory restored = new CopyOnWriteMemory(derived, new MemoryLimits(4, 8));
		assertThat(restored.readBytes(0, 6 * PAGE)).isEqualTo(memory.readBytes(0, 6 * PAGE));
	}

	@Test
	void sharesTheUnwrittenBlocksOfACopyOnWriteMemoryAndThoseItWroteBackUnchanged() {
		MemoryImage base = labelledPages(3);
		CopyOnWriteMemory memory = new CopyOnWriteMemory(base, new MemoryLimits(3, 4));
		memory.writeByte(0, (byte) 'P');
		memory.writeByte(PAGE, (byte) 'p');

		MemoryImage derived = MemoryImage.of(memory, base);

		assertThat(memory.copiedBytes()).isEqualTo(2 * BLOCK);
		assertThat(derived.bytesSharedWith(base)).isEqualTo(3 * PAGE - BLOCK);
		assertThat(MemoryImage.of(memory).bytesSharedWith(base)).isEqualTo(3 * PAGE - 2 * BLOCK);
		assertThat(new CopyOnWriteMemory(derived, new MemoryLimits(3)).readBytes(0, 3 * PAGE))
			.isEqualTo(memory.readBytes(0, 3 * PAGE));
	}

	@Test
	void writtenAndReadBackWithItsBaseHoldsTheSameBytesAndSharesTheSameBlocks() throws IOException {
		MemoryImage base = labelledPages(3);
		CopyOnWriteMemory memory = new CopyOnWriteMemory(base, new MemoryLimits(3, 5));
		memory.writeByte(PAGE + 7, (byte) 'x');
		memory.grow(1);
		memory.writeByte(3 * PAGE + 9, (byte) 'y');
		MemoryImage image = MemoryImage.of(memory, base);
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		image.writeTo(new DataOutputStream(written), base);

		MemoryImage read = MemoryImage.readFrom(new DataInputStream(new ByteArrayInputStream(written.toByteArray())),
				base);

		assertThat(read.pages()).isEqualTo(4);
		assertThat(read.bytesSharedWith(base)).isEqualTo(image.bytesSharedWith(base)).isEqualTo(3 * PAGE - BLOCK);
		assertThat(new CopyOnWriteMemory(read, new MemoryLimits(4)).readBytes(0, 4 * PAGE))
			.isEqualTo(memory.readBytes(0, 4 * PAGE));
		assertThat(written.size()).as("two blocks in full, a tag for each of the others")
			.isEqualTo(Integer.BYTES + 4 * MemoryImage.BLOCKS_PER_PAGE + 2 * BLOCK);
	}

	@Test
	void readingWhatIsNotAnImageOfThatBaseFails() throws IOException {
		MemoryImage base = MemoryImage.of(module("(memory 1)"));
		ByteArrayOutputStream written = new ByteArrayOutputStream();
		MemoryImage threePages = labelledPages(3);
		MemoryImage.of(new CopyOnWriteMemory(threePages, new MemoryLimits(3)), threePages)
			.writeTo(new DataOutputStream(written), threePages);
		byte[] badTag = new byte[] { 0, 0, 0, 16, 7 };

		assertThatIOException().isThrownBy(() -> read(written.toByteArray(), base))
			.withMessage("Block 16 of the memory image is not in its base");
		assertThatIOException().isThrownBy(() -> read(badTag, base))
			.withMessage("Block 0 of the memory image has tag 7");
		assertThatIOException().isThrownBy(() -> read(new byte[] { 0, 0, 0, 3 }, base))
			.withMessage("Not a memory image: 3 blocks");
		assertThatExceptionOfType(EOFException.class)
			.isThrownBy(() -> read(Arrays.copyOf(written.toByteArray(), 20), threePages));
	}

	private static MemoryImage read(byte[] bytes, MemoryImage base) throws IOException {
		return MemoryImage.readFrom(new DataInputStream(new ByteArrayInputStream(bytes)), base);
	}

	/**
	 * The image of a module of the given size whose first three pages start with a label.
	 */
	private static MemoryImage labelledPages(int pages) {
		return MemoryImage.of(module("(memory " + pages + ")" + """
				(data (i32.const 0) "page 0")
				(data (i32.const 65536) "page 1")
				(data (i32.const 131072) "page 2")
				"""));
	}

	private static WasmModule module(String fields) {
		return Parser.parse(Wat2Wasm.parse("(module\n" + fields + "\n)"));
	}

}
