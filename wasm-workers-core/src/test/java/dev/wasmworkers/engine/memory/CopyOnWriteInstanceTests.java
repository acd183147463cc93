package dev.wasmworkers.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.WasmRuntimeException;
import com.dylibso.chicory.wabt.Wat2Wasm;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Instances of compiled modules running on copy-on-write memories. */
class CopyOnWriteInstanceTests {

	private static final WasmModule MODULE = Parser.parse(Wat2Wasm.parse("""
			(module
			  (memory 2 4)
			  (global $runs (mut i32) (i32.const 0))
			  (data (i32.const 65530) "hello, world")
			  (data $passive "passive!")
			  (func (export "count") (result i32)
			    (i32.store (i32.const 70000) (i32.add (i32.load (i32.const 70000)) (i32.const 1)))
			    (global.set $runs (i32.add (global.get $runs) (i32.const 1)))
			    (i32.add (i32.load (i32.const 70000)) (i32.mul (global.get $runs) (i32.const 1000))))
			  (func (export "load") (param i32) (result i64) (i64.load (local.get 0)))
			  (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
			  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
			  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2)))
			  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
			  (func (export "init") (param i32) (memory.init $passive (local.get 0) (i32.const 0) (i32.const 8)))
			  (func (export "drop") (data.drop $passive)))
			"""));

	private static final Function<Instance, Machine> MACHINE = MachineFactoryCompiler.compile(MODULE);

	private static final MemoryImage IMAGE = MemoryImage.of(MODULE);

	@Test
	void startsFromTheModulesDataAndCopiesOnlyTheBlocksItWrites() {
		Instance instance = instance();
		CopyOnWriteMemory memory = (CopyOnWriteMemory) instance.memory();

		assertThat(memory.readString(65530, 12)).isEqualTo("hello, world");
		assertThat(memory.copiedBytes()).isZero();
		assertThat(call(instance, "count")).isEqualTo(1001);
		assertThat(memory.copiedBytes()).isEqualTo(MemoryImage.BLOCK_SIZE);
	}

	@Test
	void runsTheBulkMemoryInstructionsAndGrowsUpToTheLimit() {
		Instance instance = instance();

		call(instance, "store", 65532, 0x0102030405060708L);
		assertThat(call(instance, "load", 65532)).isEqualTo(0x0102030405060708L);
		byte[] copied = instance.memory().readBytes(65530, 12);
		call(instance, "copy", 131060, 65530, 12);
		assertThat(instance.memory().readBytes(131060, 12)).isEqualTo(copied);
		byte[] around = instance.memory().readBytes(65534, 5);
		call(instance, "fill", 65535, 'x', 3);
		assertThat(instance.memory().readBytes(65534, 5)).containsExactly(around[0], 'x', 'x', 'x', around[4]);
		call(instance, "init", 131000);
		assertThat(instance.memory().readString(131000, 8)).isEqualTo("passive!");
		call(instance, "drop");
		assertThatExceptionOfType(WasmRuntimeException.class).isThrownBy(() -> call(instance, "init", 0));
		assertThat(call(instance, "grow", 2)).isEqualTo(2);
		assertThat(call(instance, "grow", 1)).isEqualTo(-1);
		call(instance, "store", 4 * 65536 - 8, -1);
		assertThat(call(instance, "load", 4 * 65536 - 8)).isEqualTo(-1);
		assertThatExceptionOfType(WasmRuntimeException.class).isThrownBy(() -> call(instance, "load", 4 * 65536 - 7))
			.withMessageContaining("out of bounds memory access");
	}

	@Test
	void instancesOnManyThreadsNeverSeeAnotherRunsCounter() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<Long>>> results = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				results.add(threads.submit(() -> {
					List<Long> counts = new ArrayList<>();
					for (int run = 0; run < 200; run++) {
						Instance instance = instance();
						counts.add(call(instance, "count"));
						counts.add(call(instance, "count"));
					}
					return counts;
				}));
			}
			for (Future<List<Long>> result : results) {
				List<Long> counts = result.get();
				assertThat(counts).hasSize(400);
				for (int i = 0; i < counts.size(); i += 2) {
					assertThat(counts.subList(i, i + 2)).containsExactly(1001L, 2002L);
				}
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static Instance instance() {
		return Instance.builder(MODULE)
			.withMachineFactory(MACHINE)
			.withMemoryFactory((limits) -> new CopyOnWriteMemory(IMAGE, limits))
			.withMemoryLimits(new MemoryLimits(2, 4))
			.build();
	}

	private static long call(Instance instance, String name, long... arguments) {
		long[] results = instance.export(name).apply(arguments);
		return (results == null || results.length == 0) ? 0 : results[0];
	}

}
