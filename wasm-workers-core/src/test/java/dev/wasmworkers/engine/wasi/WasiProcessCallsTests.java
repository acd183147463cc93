package dev.wasmworkers.engine.wasi;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arguments, environment, clocks, random bytes, exit, signals, yielding, sockets and the
 * adapter functions.
 */
class WasiProcessCallsTests {

	@Test
	void givesTheArgumentsAndEnvironmentAsNulTerminatedStrings() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("GREETING", "héllo");
		environment.put("EMPTY", "");
		WasiContext context = WasiContext.builder()
			.arguments(List.of("worker.wasm", "--flag"))
			.environment(environment)
			.build();

		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start")
				  (i32.store (i32.const 0) (call $args_sizes_get (i32.const 16) (i32.const 20)))
				  (i32.store (i32.const 4) (call $args_get (i32.const 100) (i32.const 1000)))
				  (i32.store (i32.const 8) (call $environ_sizes_get (i32.const 24) (i32.const 28)))
				  (i32.store (i32.const 12) (call $environ_get (i32.const 200) (i32.const 2000))))
				""", context);

		assertThat(new int[] { outcome.i32(0), outcome.i32(4), outcome.i32(8), outcome.i32(12) }).containsOnly(0);
		assertThat(outcome.i32(16)).isEqualTo(2);
		assertThat(outcome.i32(20)).isEqualTo(19);
		assertThat(outcome.i32(100)).isEqualTo(1000);
		assertThat(outcome.i32(104)).isEqualTo(1012);
		assertThat(outcome.instance().memory().readString(1000, 19)).isEqualTo("worker.wasm\0--flag\0");
		assertThat(outcome.i32(24)).isEqualTo(2);
		assertThat(outcome.i32(28)).isEqualTo(23);
		assertThat(outcome.instance().memory().readString(2000, 23, StandardCharsets.UTF_8))
			.isEqualTo("GREETING=héllo\0EMPTY=\0");
	}

	@Test
	void anArgumentBufferOutsideMemoryTrapsBeforeAnythingIsWritten() {
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start") (drop (call $args_get (i32.const 100) (i32.const 65530))))
				""", WasiContext.builder().arguments(List.of("worker.wasm")).build());

		assertThat(outcome.ending()).hasMessageContaining("out of bounds memory access");
		assertThat(outcome.i32(100)).isZero();
	}

	@Test
	void readsTheClocks() {
		long before = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start")
				  (i32.store (i32.const 0) (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 100)))
				  (i32.store (i32.const 4) (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 108)))
				  (i32.store (i32.const 8) (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 116)))
				  (i32.store (i32.const 12) (call $clock_time_get (i32.const 2) (i64.const 1) (i32.const 124)))
				  (i32.store (i32.const 16) (call $clock_time_get (i32.const 3) (i64.const 1) (i32.const 132)))
				  (i32.store (i32.const 20) (call $clock_time_get (i32.const 4) (i64.const 1) (i32.const 140)))
				  (i32.store (i32.const 24) (call $clock_res_get (i32.const 0) (i32.const 148)))
				  (i32.store (i32.const 28) (call $clock_res_get (i32.const 1) (i32.const 156)))
				  (i32.store (i32.const 32) (call $clock_res_get (i32.const 7) (i32.const 164))))
				""", WasiContext.builder().build());
		long after = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() + 1);

		assertThat(new int[] { outcome.i32(0), outcome.i32(4), outcome.i32(8), outcome.i32(12), outcome.i32(16) })
			.containsOnly(0);
		assertThat(outcome.i64(100)).isBetween(before, after);
		assertThat(outcome.i64(116)).isGreaterThanOrEqualTo(outcome.i64(108)).isPositive();
		assertThat(outcome.i64(124)).isNotNegative();
		assertThat(outcome.i32(20)).isEqualTo(28);
		assertThat(outcome.i64(148)).isEqualTo(1000);
		assertThat(outcome.i64(156)).isEqualTo(1);
		assertThat(outcome.i32(32)).isEqualTo(28);
	}

	@Test
	void fillsABufferWithRandomBytesAndTrapsForOneOutsideMemory() {
		WasiGuest.Outcome filled = run("""
				(memory 2)
				(func (export "_start")
				  (i32.store (i32.const 0) (call $random_get (i32.const 1000) (i32.const 100000))))
				""", WasiContext.builder().build());
		WasiGuest.Outcome huge = run("""
				(memory 1)
				(func (export "_start") (drop (call $random_get (i32.const 16) (i32.const 0x7ffffff0))))
				""", WasiContext.builder().build());

		assertThat(filled.i32(0)).isZero();
		assertThat(filled.instance().memory().readBytes(1000, 100000)).containsAnyOf((byte) 1, (byte) 2, (byte) 3)
			.contains((byte) 0xff);
		assertThat(filled.instance().memory().readBytes(101000, 100)).containsOnly((byte) 0);
		assertThat(huge.ending()).hasMessageContaining("out of bounds memory access");
	}

	@Test
	void procExitEndsTheRunWithItsCode() {
		WasiGuest.Outcome outcome = run("""
				(memory 1)
				(func (export "_start") (call $proc_exit (i32.const 3)) (i32.store (i32.const 0) (i32.const 1)))
				""", WasiContext.builder().build());

		assertThat(outcome.ending()).isInstanceOfSatisfying(ProcExitException.class,
				(exit) -> assertThat(exit.exitCode()).isEqualTo(3));
		assertThat(outcome.i32(0)).isZero();
	}

	@Test
	void unsupportedCallsAnswerWithAnErrorNumber() {
		WasiGuest.Outcome outcome = run(
				"""
						(memory 1)
						(func (export "_start")
						  (i32.store (i32.const 0) (call $proc_raise (i32.const 6)))
						  (i32.store (i32.const 4) (call $sched_yield))
						  (i32.store (i32.const 8) (call $sock_accept (i32.const 1) (i32.const 0) (i32.const 100)))
						  (i32.store (i32.const 12) (call $sock_recv (i32.const 0) (i32.const 100) (i32.const 1) (i32.const 0) (i32.const 100) (i32.const 104)))
						  (i32.store (i32.const 16) (call $sock_send (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 0) (i32.const 100)))
						  (i32.store (i32.const 20) (call $sock_shutdown (i32.const 2) (i32.const 3)))
						  (i32.store (i32.const 24) (call $sock_shutdown (i32.const 42) (i32.const 3)))
						  (i32.store (i32.const 28) (call $adapter_open_badfd (i32.const 100)))
						  (i32.store (i32.const 32) (call $adapter_close_badfd (i32.const 1))))
						""",
				WasiContext.builder().build());

		assertThat(outcome.ending()).isNull();
		assertThat(outcome.i32(0)).as("proc_raise: ENOSYS").isEqualTo(52);
		assertThat(outcome.i32(4)).as("sched_yield").isZero();
		assertThat(new int[] { outcome.i32(8), outcome.i32(12), outcome.i32(16), outcome.i32(20) })
			.as("sockets: ENOTSOCK")
			.containsOnly(57);
		assertThat(outcome.i32(24)).as("no such descriptor: EBADF").isEqualTo(8);
		assertThat(new int[] { outcome.i32(28), outcome.i32(32) }).as("adapter: ENOSYS").containsOnly(52);
	}

	private static WasiGuest.Outcome run(String fields, WasiContext context) {
		return WasiGuest.of(fields).run(context);
	}

}
