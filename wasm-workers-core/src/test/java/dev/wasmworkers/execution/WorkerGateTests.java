package dev.wasmworkers.execution;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class WorkerGateTests {

	private final List<String> admitted = new ArrayList<>();

	@Test
	void admitsAtMostMaxRunningAndQueuesTheRest() {
		WorkerGate gate = new WorkerGate(2, 5);
		for (int i = 0; i < 4; i++) {
			assertThat(gate.enter(admit("run " + i))).isTrue();
		}
		assertThat(this.admitted).containsExactly("run 0", "run 1");
		assertThat(gate.running()).isEqualTo(2);
		assertThat(gate.waiting()).isEqualTo(2);
	}

	@Test
	void aReleasedPlaceGoesToTheFirstWaitingRun() {
		WorkerGate gate = new WorkerGate(1, 5);
		gate.enter(admit("first"));
		gate.enter(admit("second"));
		gate.enter(admit("third"));

		gate.release();

		assertThat(this.admitted).containsExactly("first", "second");
		assertThat(gate.running()).isEqualTo(1);
		assertThat(gate.waiting()).isEqualTo(1);
		gate.release();
		gate.release();
		assertThat(this.admitted).containsExactly("first", "second", "third");
		assertThat(gate.running()).isZero();
		assertThat(gate.waiting()).isZero();
	}

	@Test
	void refusesWhenTheQueueIsFull() {
		WorkerGate gate = new WorkerGate(1, 1);
		gate.enter(admit("first"));
		gate.enter(admit("second"));

		assertThat(gate.enter(admit("third"))).isFalse();
		assertThat(gate.waiting()).isEqualTo(1);
		assertThat(gate.fullMessage()).isEqualTo("all 1 runs of this worker are busy and 1 more are waiting");
	}

	@Test
	void aRunThatLeavesTheQueueIsNeverAdmitted() {
		WorkerGate gate = new WorkerGate(1, 1);
		gate.enter(admit("first"));
		Runnable second = admit("second");
		gate.enter(second);

		assertThat(gate.leave(second)).isTrue();
		gate.release();

		assertThat(this.admitted).containsExactly("first");
		assertThat(gate.running()).isZero();
		assertThat(gate.waiting()).isZero();
	}

	@Test
	void leavingAfterBeingAdmittedSaysSo() {
		WorkerGate gate = new WorkerGate(1, 1);
		Runnable first = admit("first");
		gate.enter(first);

		assertThat(gate.leave(first)).isFalse();
		assertThat(gate.running()).isEqualTo(1);
	}

	@Test
	void refusesBadSizes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerGate(0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new WorkerGate(1, -1));
	}

	private Runnable admit(String name) {
		return () -> this.admitted.add(name);
	}

}
