package dev.wasmworkers.autoconfigure;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmFlagsTests {

	@Test
	void whenTheFlagIsOnThenTheWarningNamesTheFlagToSetAndItsCost() {
		assertThat(JvmFlags.warning((name) -> Optional.of("true")))
			.hasValueSatisfying((warning) -> assertThat(warning).contains("-XX:-DontCompileHugeMethods")
				.contains("2x slower")
				.contains("-XX:-UseOnStackReplacement too if it serves JavaScript or Python workers"));
	}

	@Test
	void whenTheFlagIsOffThenThereIsNoWarning() {
		assertThat(JvmFlags.warning((name) -> Optional.of("false"))).isEmpty();
	}

	@Test
	void onAJvmWithoutTheFlagThereIsNoWarning() {
		assertThat(JvmFlags.warning((name) -> Optional.empty())).isEmpty();
	}

	@Test
	void theTestJvmRunsWithTheFlagOffSoItIsReadFromHotSpot() {
		assertThat(JvmFlags.warning(JvmFlags::hotSpotOption)).isEmpty();
		assertThat(JvmFlags.hotSpotOption(JvmFlags.FLAG)).hasValue("false");
	}

}
