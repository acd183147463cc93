package dev.wasmworkers.engine.wasi;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Instance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code fd_read}, {@code fd_write}, {@code fd_pread}, {@code fd_pwrite}, {@code fd_seek}
 * and {@code fd_tell} on stdio, with the hostile arguments a guest can pass.
 */
class WasiStreamCallsTests {

	@Test
	void writesTheIovecsInOrderAndCountsTheBytes() {
		WasiContext context = context("");
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(data (i32.const 100) "hello world")
				(func (export "_start")
				  (i32.store (i32.const 16) (i32.const 100)) (i32.store (i32.const 20) (i32.const 6))
				  (i32.store (i32.const 24) (i32.const 106)) (i32.store (i32.const 28) (i32.const 5))
				  (i32.store (i32.const 0) (call $fd_write (i32.const 1) (i32.const 16) (i32.const 2) (i32.const 4))))
				""", context);

		assertThat(outcome.ending()).isNull();
		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.i32(4)).isEqualTo(11);
		assertThat(text(context.stdout())).isEqualTo("hello world");
	}

	@Test
	void readsStdinIntoTheIovecsUntilItEnds() {
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start")
				  (i32.store (i32.const 16) (i32.const 100)) (i32.store (i32.const 20) (i32.const 4))
				  (i32.store (i32.const 24) (i32.const 200)) (i32.store (i32.const 28) (i32.const 4))
				  (i32.store (i32.const 0) (call $fd_read (i32.const 0) (i32.const 16) (i32.const 2) (i32.const 4)))
				  (i32.store (i32.const 8) (call $fd_read (i32.const 0) (i32.const 16) (i32.const 2) (i32.const 12))))
				""", context("abcdef"));

		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.i32(4)).isEqualTo(6);
		assertThat(outcome.instance().memory().readString(100, 4)).isEqualTo("abcd");
		assertThat(outcome.instance().memory().readString(200, 2)).isEqualTo("ef");
		assertThat(outcome.i32(8)).isZero();
		assertThat(outcome.i32(12)).isZero();
	}

	@Test
	void anIovecLongerThanMemoryTrapsBeforeAnythingIsReadOrAllocated() {
		WasiContext context = context("abc");
		for (String call : new String[] { "$fd_write (i32.const 1)", "$fd_read (i32.const 0)" }) {
			WasiGuest.Outcome outcome = run("""
					(memory 1)
					(func (export "_start")
					  (i32.store (i32.const 16) (i32.const 1024))
					  (i32.store (i32.const 20) (i32.const 0x7ffffff0))
					  (drop (call %s (i32.const 16) (i32.const 1) (i32.const 24))))
					""".formatted(call), context);

			assertThat(outcome.ending()).hasMessageContaining("out of bounds memory access");
		}
		assertThat(context.stdout()).isEmpty();
	}

	@Test
	void aBufferWhoseEndWrapsAroundTheAddressSpaceTraps() {
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start")
				  (i32.store (i32.const 16) (i32.const 0xfffffff0))
				  (i32.store (i32.const 20) (i32.const 0x20))
				  (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24))))
				""", context(""));

		assertThat(outcome.ending()).hasMessageContaining("out of bounds memory access");
	}

	@Test
	void anIovecListLargerThanMemoryTraps() {
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start")
				  (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 0x20000000) (i32.const 0))))
				""", context(""));

		assertThat(outcome.ending()).hasMessageContaining("out of bounds memory access");
	}

	@Test
	void iovecsTotallingMoreThan2GiBAreRefusedWithEinval() {
		WasiContext context = context("");
		WasiGuest.Outcome outcome = run(
				ioveclist(40_000, 65536, "(i32.const 0)")
						+ """
								(func (export "_start")
								  (call $fill)
								  (i32.store (i32.const 0) (call $fd_write (i32.const 1) (i32.const 65536) (i32.const 40000) (i32.const 4))))
								""",
				context);

		assertThat(outcome.ending()).isNull();
		assertThat(outcome.i32(0)).isEqualTo(28);
		assertThat(context.stdout()).isEmpty();
	}

	@Test
	void stderrPastItsLimitCountsAsWrittenWithoutBeingRead() {
		WasiContext context = WasiContext.builder().stdoutLimit(100).stderrLimit(10).build();
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(data (i32.const 1000) "0123456789abcdef")
				(func (export "_start")
				  (i32.store (i32.const 16) (i32.const 1000)) (i32.store (i32.const 20) (i32.const 1000))
				  (i32.store (i32.const 24) (i32.const 1000)) (i32.store (i32.const 28) (i32.const 1000))
				  (i32.store (i32.const 0) (call $fd_write (i32.const 2) (i32.const 16) (i32.const 2) (i32.const 4))))
				""", context);

		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.i32(4)).isEqualTo(2000);
		assertThat(text(context.stderr())).isEqualTo("0123456789");
	}

	@Test
	void stdoutPastItsLimitStopsTheRunWithWhatFits() {
		WasiContext context = WasiContext.builder().stdoutLimit(5).stderrLimit(10).build();
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(data (i32.const 1000) "0123456789")
				(func (export "_start")
				  (i32.store (i32.const 16) (i32.const 1000)) (i32.store (i32.const 20) (i32.const 10))
				  (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 4))))
				""", context);

		assertThat(outcome.ending()).isInstanceOf(OutputLimitExceededException.class)
			.hasMessage("stdout exceeded its limit of 5 bytes");
		assertThat(text(context.stdout())).isEqualTo("01234");
	}

	@Test
	void aResultPointerOutsideMemoryTrapsBeforeAnythingIsWritten() {
		WasiContext context = context("");
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start")
				  (i32.store (i32.const 16) (i32.const 1000)) (i32.store (i32.const 20) (i32.const 10))
				  (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 65533))))
				""", context);

		assertThat(outcome.ending()).hasMessageContaining("out of bounds memory access");
		assertThat(context.stdout()).isEmpty();
	}

	@Test
	void streamsHaveNoPositionAndEachOnlyItsDirection() {
		WasiGuest.Outcome outcome = run(
				"""
						(memory 1)
						(func (export "_start")
						  (i32.store (i32.const 16) (i32.const 1000)) (i32.store (i32.const 20) (i32.const 10))
						  (i32.store (i32.const 0) (call $fd_seek (i32.const 1) (i64.const 0) (i32.const 0) (i32.const 100)))
						  (i32.store (i32.const 4) (call $fd_tell (i32.const 0) (i32.const 100)))
						  (i32.store (i32.const 8) (call $fd_pread (i32.const 0) (i32.const 16) (i32.const 1) (i64.const 0) (i32.const 100)))
						  (i32.store (i32.const 12) (call $fd_pwrite (i32.const 1) (i32.const 16) (i32.const 1) (i64.const 0) (i32.const 100)))
						  (i32.store (i32.const 24) (call $fd_read (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 100)))
						  (i32.store (i32.const 28) (call $fd_write (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 100)))
						  (i32.store (i32.const 32) (call $fd_write (i32.const 99) (i32.const 16) (i32.const 1) (i32.const 100))))
						""",
				context("abc"));

		assertThat(new int[] { outcome.i32(0), outcome.i32(4), outcome.i32(8), outcome.i32(12) }).containsOnly(70);
		assertThat(new int[] { outcome.i32(24), outcome.i32(28), outcome.i32(32) }).containsOnly(8);
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void aStderrFloodOfHugeIovecsStopsWhenTheThreadIsInterrupted() throws InterruptedException {
		// 100,000 iovecs of 64 MiB each (6.4 TB, refused with EINVAL), then 31 of them
		// (1.9 GiB,
		// past the limit so never read), over and over; the rounds are counted at 32.
		WasiGuest guest = WasiGuest.of(ioveclist(100_000, 64 << 20, "(i32.const 0)")
				+ """
						(func (export "_start")
						  (call $fill)
						  (loop $again
						    (i32.store (i32.const 0) (call $fd_write (i32.const 2) (i32.const 65536) (i32.const 100000) (i32.const 4)))
						    (i32.store (i32.const 8) (call $fd_write (i32.const 2) (i32.const 65536) (i32.const 31) (i32.const 12)))
						    (i32.store (i32.const 32) (i32.add (i32.load (i32.const 32)) (i32.const 1)))
						    (br $again)))
						""");
		WasiContext context = WasiContext.builder().stderrLimit(1024).build();
		Instance instance = guest.instantiate();
		AtomicReference<Throwable> ending = new AtomicReference<>();
		Thread runner = new Thread(() -> {
			try (RunBindings<WasiContext>.Binding bound = WasiGuest.runs.bind(instance, context)) {
				instance.export("_start").apply();
			}
			catch (RuntimeException ex) {
				ending.set(ex);
			}
		});

		runner.start();
		while (instance.memory().readInt(32) < 3) {
			Thread.sleep(10);
		}
		long interrupted = System.nanoTime();
		runner.interrupt();
		runner.join(TimeUnit.SECONDS.toMillis(30));

		assertThat(runner.isAlive()).isFalse();
		System.out.printf("stderr flood: stopped %.2f ms after the interrupt%n",
				(System.nanoTime() - interrupted) / 1e6);
		assertThat(ending.get()).isInstanceOf(ChicoryInterruptedException.class);
		assertThat(instance.memory().readInt(0)).isEqualTo(28);
		assertThat(instance.memory().readInt(8)).isZero();
		assertThat(instance.memory().readInt(12)).isEqualTo(31 << 26);
		assertThat(context.stderr()).hasSize(1024);
	}

	/**
	 * A memory holding, from 65536, {@code count} iovecs of {@code length} bytes at the
	 * given address, and a function {@code $fill} that writes them.
	 */
	private static String ioveclist(int count, int length, String address) {
		long bytes = 65536L + count * 8L + ((length > 65536) ? length : 0);
		long pages = (bytes + 65535) / 65536 + 1;
		return """
				(memory %d)
				(func $fill (local $i i32)
				  (loop $next
				    (i32.store (i32.add (i32.const 65536) (i32.mul (local.get $i) (i32.const 8))) %s)
				    (i32.store (i32.add (i32.const 65540) (i32.mul (local.get $i) (i32.const 8))) (i32.const %d))
				    (local.set $i (i32.add (local.get $i) (i32.const 1)))
				    (br_if $next (i32.lt_u (local.get $i) (i32.const %d)))))
				""".formatted(pages, address, length, count);
	}

	private static WasiGuest.Outcome run(String fields, WasiContext context) {
		return WasiGuest.of(fields).run(context);
	}

	private static WasiContext context(String stdin) {
		return WasiContext.builder()
			.stdin(stdin.getBytes(StandardCharsets.UTF_8))
			.stdoutLimit(1 << 16)
			.stderrLimit(1 << 16)
			.build();
	}

	private static String text(byte[] bytes) {
		return new String(bytes, StandardCharsets.UTF_8);
	}

}
