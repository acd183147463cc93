package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.UnlinkableException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.ValType;
import dev.wasmworkers.engine.memory.CopyOnWriteMemory;
import dev.wasmworkers.engine.memory.MemoryImage;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LinkedModuleTests {

	/**
	 * A module that uses everything an instance is made of: an imported function, a
	 * mutable global, a table filled by an element segment, a data segment, a passive
	 * segment and exports.
	 */
	private static final WasmModule MODULE = Parser.parse(Wat.module("""
			(import "host" "seed" (func $seed (result i32)))
			(memory (export "memory") 1 3)
			(global $runs (mut i32) (i32.const 40))
			(table 2 funcref)
			(elem (i32.const 0) $one $two)
			(data (i32.const 100) "\\07\\00\\00\\00")
			(data $passive "xyz")
			(type $nullary (func (result i32)))
			(func $one (result i32) (i32.const 1))
			(func $two (result i32) (i32.const 2))
			(func (export "step") (param $slot i32) (result i32)
			  (global.set $runs (i32.add (global.get $runs) (i32.const 1)))
			  (i32.store (i32.const 100) (i32.add (i32.load (i32.const 100)) (i32.const 1)))
			  (memory.init $passive (i32.const 200) (i32.const 0) (i32.const 3))
			  (i32.add (i32.add (call $seed) (global.get $runs))
			    (i32.add (i32.load (i32.const 100)) (call_indirect (type $nullary) (local.get $slot)))))
			(func (export "passive") (result i32) (i32.load8_u (i32.const 202)))
			(func (export "grow") (result i32) (memory.grow (i32.const 1)))
			(func (export "dropPassive") (data.drop $passive))
			"""));

	private static final Function<Instance, Machine> MACHINE = MachineFactoryCompiler.compile(MODULE);

	private static final MemoryImage IMAGE = MemoryImage.of(MODULE);

	private final AtomicLong seeds = new AtomicLong(1000);

	private final LinkedModule linked = new LinkedModule(MODULE, imports(seedReturning(this.seeds)), MACHINE,
			new PrivateTables(MODULE), this::memory);

	@Test
	void runsCallChicorysConstructorDirectlyOnThisJvm() {
		assertThat(LinkedModule.linksOnce()).isTrue();
	}

	@Test
	void anInstanceMadeOnceLinkedRunsAsOneMadeByChicorysBuilder() {
		Instance direct = this.linked.instantiate(this::memory, new MemoryLimits(1, 1));
		Instance built = this.linked.build(this::memory, new MemoryLimits(1, 1));

		for (Instance instance : List.of(direct, built)) {
			long seed = this.seeds.get();
			assertThat(call(instance, "step", 1)).as("seed, global 41, memory 8, table slot 1")
				.isEqualTo(seed + 1 + 41 + 8 + 2);
			assertThat(call(instance, "step", 0)).as("the global and the memory went on; table slot 0")
				.isEqualTo(seed + 2 + 42 + 9 + 1);
			assertThat(call(instance, "passive")).isEqualTo('z');
			assertThat(call(instance, "grow")).as("the limits given, not the declared ones, cap the memory")
				.isEqualTo(-1);
			assertThat(instance.memory().pages()).isEqualTo(1);
		}
	}

	@Test
	void everyInstanceStartsFromTheModuleWhateverTheOnesBeforeItDidEvenDroppingASegment() {
		for (int i = 0; i < 3; i++) {
			Instance instance = this.linked.instantiate(this::memory, new MemoryLimits(1, 3));
			long seed = this.seeds.get();

			assertThat(call(instance, "step", 1)).isEqualTo(seed + 1 + 41 + 8 + 2);
			assertThat(call(instance, "grow")).as("grown from its first size, 1 page").isEqualTo(1);
			assertThat(instance.memory().readInt(100)).isEqualTo(8);
			instance.export("dropPassive").apply();
		}
	}

	@Test
	void aHostFunctionOfTheWrongTypeFailsTheLinkWithChicorysMessage() {
		HostFunction wrong = new HostFunction("host", "seed", FunctionType.of(List.of(ValType.I64), List.of()),
				(instance, args) -> null);

		assertThatExceptionOfType(UnlinkableException.class)
			.isThrownBy(() -> new LinkedModule(MODULE, imports(wrong), MACHINE, null, this::memory))
			.withMessageContaining("incompatible import type for host function host.seed");
	}

	@Test
	void aMissingHostFunctionFailsTheLinkNamingTheImport() {
		assertThatExceptionOfType(UnlinkableException.class)
			.isThrownBy(() -> new LinkedModule(MODULE, ImportValues.empty(), MACHINE, null, this::memory))
			.withMessageContaining("host.seed");
	}

	private CopyOnWriteMemory memory(MemoryLimits limits) {
		return new CopyOnWriteMemory(IMAGE, limits);
	}

	private static HostFunction seedReturning(AtomicLong seeds) {
		return new HostFunction("host", "seed", FunctionType.returning(ValType.I32),
				(instance, args) -> new long[] { seeds.incrementAndGet() });
	}

	private static ImportValues imports(HostFunction function) {
		return ImportValues.builder().addFunction(function).build();
	}

	private static long call(Instance instance, String name, long... arguments) {
		return instance.export(name).apply(arguments)[0];
	}

}
