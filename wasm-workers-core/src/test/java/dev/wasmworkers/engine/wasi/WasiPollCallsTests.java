package dev.wasmworkers.engine.wasi;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code poll_oneoff}: clocks, descriptors, bad subscriptions, and interruption. */
class WasiPollCallsTests {

	/**
	 * Imports, one page, and {@code $clock(at, userdata, timeout)} and
	 * {@code $descriptor(at, userdata, type, fd)}, which write a subscription.
	 */
	private static final String GUEST = """
			(memory 1)
			(func $clock (param $at i32) (param $userdata i64) (param $timeout i64)
			  (i64.store (local.get $at) (local.get $userdata))
			  (i32.store8 (i32.add (local.get $at) (i32.const 8)) (i32.const 0))
			  (i32.store (i32.add (local.get $at) (i32.const 16)) (i32.const 1))
			  (i64.store (i32.add (local.get $at) (i32.const 24)) (local.get $timeout))
			  (i32.store16 (i32.add (local.get $at) (i32.const 40)) (i32.const 0)))
			(func $descriptor (param $at i32) (param $userdata i64) (param $type i32) (param $fd i32)
			  (i64.store (local.get $at) (local.get $userdata))
			  (i32.store8 (i32.add (local.get $at) (i32.const 8)) (local.get $type))
			  (i32.store (i32.add (local.get $at) (i32.const 16)) (local.get $fd)))
			""";

	@Test
	void sleepsUntilTheClockIsDue() {
		WasiGuest.Outcome outcome = run(
				"""
						(func (export "_start")
						  (call $clock (i32.const 1000) (i64.const 7) (i64.const 20000000))
						  (i32.store (i32.const 0) (call $poll_oneoff (i32.const 1000) (i32.const 2000) (i32.const 1) (i32.const 4))))
						""",
				"");

		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.i32(4)).isEqualTo(1);
		assertThat(outcome.i64(2000)).as("userdata").isEqualTo(7);
		assertThat(outcome.instance().memory().readShort(2008)).as("error").isZero();
		assertThat(outcome.instance().memory().read(2010)).as("clock event").isZero();
	}

	@Test
	void reportsReadyDescriptorsAtOnceAndBadOnesWithTheirError() {
		WasiGuest.Outcome outcome = run(
				"""
						(func (export "_start")
						  (call $clock (i32.const 1000) (i64.const 1) (i64.const 3600000000000))
						  (call $descriptor (i32.const 1048) (i64.const 2) (i32.const 1) (i32.const 0))
						  (call $descriptor (i32.const 1096) (i64.const 3) (i32.const 2) (i32.const 1))
						  (call $descriptor (i32.const 1144) (i64.const 4) (i32.const 1) (i32.const 42))
						  (i32.store (i32.const 0) (call $poll_oneoff (i32.const 1000) (i32.const 2000) (i32.const 4) (i32.const 4))))
						""",
				"abc");

		assertThat(outcome.i32(0)).isZero();
		assertThat(outcome.i32(4)).as("the clock is not due").isEqualTo(3);
		assertThat(outcome.i64(2000)).isEqualTo(2);
		assertThat(outcome.i64(2016)).as("stdin has 3 bytes").isEqualTo(3);
		assertThat(outcome.i64(2032)).isEqualTo(3);
		assertThat(outcome.i64(2064)).isEqualTo(4);
		assertThat(outcome.instance().memory().readShort(2072)).as("EBADF").isEqualTo((short) 8);
	}

	@Test
	void refusesNoSubscriptionsAndTrapsForAListOutsideMemory() {
		WasiGuest.Outcome none = run(
				"""
						(func (export "_start")
						  (i32.store (i32.const 0) (call $poll_oneoff (i32.const 1000) (i32.const 2000) (i32.const 0) (i32.const 4))))
						""",
				"");
		WasiGuest.Outcome tooMany = run("""
				(func (export "_start")
				  (drop (call $poll_oneoff (i32.const 1000) (i32.const 2000) (i32.const 0x10000000) (i32.const 4))))
				""", "");

		assertThat(none.i32(0)).as("EINVAL").isEqualTo(28);
		assertThat(tooMany.ending()).hasMessageContaining("out of bounds memory access");
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void aLongSleepEndsWhenTheThreadIsInterrupted() throws InterruptedException {
		WasiGuest guest = WasiGuest.of(GUEST + """
				(func (export "_start")
				  (call $clock (i32.const 1000) (i64.const 1) (i64.const 3600000000000))
				  (drop (call $poll_oneoff (i32.const 1000) (i32.const 2000) (i32.const 1) (i32.const 4))))
				""");
		AtomicReference<WasiGuest.Outcome> outcome = new AtomicReference<>();
		Thread runner = new Thread(() -> outcome.set(guest.run(WasiContext.builder().build())));

		runner.start();
		Thread.sleep(300);
		runner.interrupt();
		runner.join(TimeUnit.SECONDS.toMillis(30));

		assertThat(runner.isAlive()).isFalse();
		assertThat(outcome.get().ending()).isInstanceOf(ChicoryInterruptedException.class);
	}

	private static WasiGuest.Outcome run(String fields, String stdin) {
		return WasiGuest.of(GUEST + fields)
			.run(WasiContext.builder().stdin(stdin.getBytes(StandardCharsets.UTF_8)).build());
	}

}
