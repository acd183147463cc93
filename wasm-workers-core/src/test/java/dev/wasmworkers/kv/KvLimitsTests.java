package dev.wasmworkers.kv;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KvLimitsTests {

	@Test
	void maxEntriesMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KvLimits(0, 1))
			.withMessage("wasm.workers.kv.max-entries must be positive but was 0");
	}

	@Test
	void maxBytesMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new KvLimits(1, -1))
			.withMessage("wasm.workers.kv.max-bytes must be positive but was -1");
	}

}
