package dev.wasmworkers.worker;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.wasmworkers.config.WorkerLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunLimitsTests {

	private final RunLimits serverWide = new RunLimits(Duration.ofSeconds(30), 2048, 8 << 20, 64 << 10, 64, 64 << 20);

	@Test
	void withoutOwnLimitsTheServerWideOnesApply() {
		assertThat(this.serverWide.overriddenBy(WorkerLimits.none())).isEqualTo(this.serverWide);
	}

	@Test
	void aWorkersOwnLimitsReplaceTheServerWideOnes() {
		WorkerLimits own = new WorkerLimits(Optional.of(Duration.ofMillis(500)), OptionalLong.of(4 << 20),
				OptionalLong.of(1 << 20), OptionalInt.of(3), OptionalInt.of(5), OptionalLong.of(1 << 10));
		assertThat(this.serverWide.overriddenBy(own))
			.isEqualTo(new RunLimits(Duration.ofMillis(500), 64, 1 << 20, 64 << 10, 5, 1 << 10));
	}

	@Test
	void pagesAreWholeAndBounded() {
		assertThat(RunLimits.pages(1)).isEqualTo(1);
		assertThat(RunLimits.pages(RunLimits.PAGE_SIZE * 3L + 1)).isEqualTo(3);
		assertThat(RunLimits.pages(Long.MAX_VALUE)).isEqualTo(RunLimits.MAX_PAGES);
	}

}
