package dev.wasmworkers.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkerGateTests {

	private final List<CompletableFuture<String>> started = new ArrayList<>();

	@Test
	void startsAtMostMaxRunningAndQueuesTheRest() {
		WorkerGate gate = new WorkerGate(2, 5);
		for (int i = 0; i < 4; i++) {
			gate.run(this::startAction);
		}
		assertThat(this.started).hasSize(2);
		assertThat(gate.running()).isEqualTo(2);
		assertThat(gate.waiting()).isEqualTo(2);
	}

	@Test
	void aFinishedRunStartsTheNextWaitingOne() throws Exception {
		WorkerGate gate = new WorkerGate(1, 5);
		CompletableFuture<String> first = gate.run(this::startAction);
		CompletableFuture<String> second = gate.run(this::startAction);
		assertThat(this.started).hasSize(1);
		this.started.get(0).complete("one");
		assertThat(first.get()).isEqualTo("one");
		assertThat(this.started).hasSize(2);
		this.started.get(1).complete("two");
		assertThat(second.get()).isEqualTo("two");
		assertThat(gate.running()).isZero();
		assertThat(gate.waiting()).isZero();
	}

	@Test
	void rejectsAtOnceWhenTheQueueIsFull() {
		WorkerGate gate = new WorkerGate(1, 1);
		gate.run(this::startAction);
		gate.run(this::startAction);
		CompletableFuture<String> third = gate.run(this::startAction);
		assertThat(third).isCompletedExceptionally();
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(third::get)
			.withCauseInstanceOf(WorkerRejectedException.class);
		assertThat(this.started).hasSize(1);
	}

	@Test
	void aFailedRunFreesItsPlaceAndReportsItsFailure() {
		WorkerGate gate = new WorkerGate(1, 1);
		CompletableFuture<String> first = gate.run(this::startAction);
		gate.run(this::startAction);
		this.started.get(0).completeExceptionally(new WorkerTimeoutException("too slow"));
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(first::get)
			.withCauseInstanceOf(WorkerTimeoutException.class);
		assertThat(this.started).hasSize(2);
	}

	@Test
	void cancellingAWaitingRunGivesUpItsPlace() {
		WorkerGate gate = new WorkerGate(1, 1);
		gate.run(this::startAction);
		CompletableFuture<String> waiting = gate.run(this::startAction);
		waiting.cancel(true);
		assertThat(gate.waiting()).isZero();
		assertThat(gate.run(this::startAction)).isNotCompletedExceptionally();
		this.started.get(0).complete("done");
		assertThat(this.started).hasSize(2);
	}

	@Test
	void cancellingAStartedRunCancelsTheActionAndFreesItsPlace() {
		WorkerGate gate = new WorkerGate(1, 1);
		CompletableFuture<String> first = gate.run(this::startAction);
		first.cancel(true);
		assertThat(this.started.get(0)).isCancelled();
		assertThat(gate.running()).isZero();
	}

	@Test
	void anActionThatThrowsFreesItsPlace() {
		WorkerGate gate = new WorkerGate(1, 0);
		CompletableFuture<String> failed = gate.run(() -> {
			throw new IllegalStateException("boom");
		});
		assertThat(failed).isCompletedExceptionally();
		assertThat(gate.running()).isZero();
	}

	private CompletableFuture<String> startAction() {
		CompletableFuture<String> action = new CompletableFuture<>();
		this.started.add(action);
		return action;
	}

}
