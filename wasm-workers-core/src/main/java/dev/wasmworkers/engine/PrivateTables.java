package dev.wasmworkers.engine;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.TableFactory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Table;
import com.dylibso.chicory.wasm.types.TableLimits;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Gives each instance tables with limits of their own, capped in size, whose
 * {@code table.grow} refuses (returns -1) any growth past the cap.
 *
 * <p>
 * Chicory 1.7.5's {@code table.grow} adds to the size stored in the module's shared
 * {@link TableLimits}, so without this every later instance, on any thread, would start
 * with the grown table. The limits are therefore copied when the module is compiled,
 * before any run. Its check of the new size also adds in 32-bit arithmetic: a delta near
 * 2^31 wraps the sum below the cap and then fails allocating a negative size (a trap), so
 * the grown size is checked here first, unsigned.
 */
final class PrivateTables implements TableFactory {

	/**
	 * The most entries a table may grow to, unless it is declared larger: about 1.2 MB
	 * per table.
	 */
	static final long MAX_ENTRIES = 100_000;

	private final Map<Table, TableLimits> declaredLimits = new IdentityHashMap<>();

	/**
	 * Records the declared limits of the module's tables; call before the module is first
	 * instantiated.
	 */
	PrivateTables(WasmModule module) {
		for (int i = 0; i < module.tableSection().tableCount(); i++) {
			Table table = module.tableSection().getTable(i);
			TableLimits limits = table.limits();
			this.declaredLimits.put(table, new TableLimits(limits.min(), limits.max(), limits.shared()));
		}
	}

	@Override
	public TableInstance create(Table table, int initialValue) {
		TableLimits declared = Objects.requireNonNull(this.declaredLimits.get(table), "table of another module");
		long maximum = Math.max(declared.min(), Math.min(declared.max(), MAX_ENTRIES));
		TableLimits limits = new TableLimits(declared.min(), maximum, declared.shared());
		return new CappedTable(new Table(table.elementType(), limits, table.initialize()), initialValue);
	}

	/** A table whose growth is checked against its maximum in 64-bit arithmetic. */
	private static final class CappedTable extends TableInstance {

		CappedTable(Table table, int initialValue) {
			super(table, initialValue);
		}

		@Override
		public int grow(int delta, int initialValue, Instance instance) {
			if (size() + Integer.toUnsignedLong(delta) > limits().max()) {
				return -1;
			}
			return super.grow(delta, initialValue, instance);
		}

	}

}
