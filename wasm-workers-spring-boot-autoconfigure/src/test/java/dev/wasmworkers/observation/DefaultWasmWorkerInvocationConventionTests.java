package dev.wasmworkers.observation;

import java.nio.file.Path;
import java.util.Map;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import dev.wasmworkers.protocol.WorkerInput;
import dev.wasmworkers.worker.InvocationOutcome;
import dev.wasmworkers.worker.Worker;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultWasmWorkerInvocationConventionTests {

	private final DefaultWasmWorkerInvocationConvention convention = new DefaultWasmWorkerInvocationConvention();

	private final WasmWorkerInvocationContext context = new WasmWorkerInvocationContext(
			Worker.failed(new WorkerSource(Path.of("users/[id].wasm"), "users/[id].wasm", "wasm",
					WorkerRoute.parse("/users/[id]")), WorkerConfig.empty(), "not compiled in this test"),
			new WorkerInput("http://localhost/users/42", "GET", Map.of(), "", Map.of(), Map.of("id", "42")));

	@Test
	void nameIsWasmWorkerInvocation() {
		assertThat(this.convention.getName()).isEqualTo("wasm.worker.invocation");
	}

	@Test
	void contextualNameIsTheRouteTemplate() {
		assertThat(this.convention.getContextualName(this.context)).isEqualTo("wasm worker /users/[id]");
	}

	@Test
	void lowCardinalityKeysAreTheRouteTemplateAndAnUnknownOutcomeWhileRunning() {
		assertThat(this.convention.getLowCardinalityKeyValues(this.context)).containsExactlyInAnyOrder(
				KeyValue.of("wasm.worker.route", "/users/[id]"), KeyValue.of("outcome", "unknown"));
	}

	@ParameterizedTest
	@CsvSource({ "SUCCESS,success", "ERROR,error", "TIMEOUT,timeout", "REJECTED,rejected", "CANCELLED,cancelled" })
	void outcomeIsTheLowerCaseNameOfHowTheInvocationEnded(InvocationOutcome outcome, String value) {
		this.context.setOutcome(outcome);
		assertThat(this.convention.getLowCardinalityKeyValues(this.context)).contains(KeyValue.of("outcome", value));
	}

	@Test
	void highCardinalityKeyIsTheWorkerFile() {
		assertThat(this.convention.getHighCardinalityKeyValues(this.context))
			.containsExactly(KeyValue.of("wasm.worker.file", "users/[id].wasm"));
	}

	@Test
	void supportsOnlyInvocationContexts() {
		assertThat(this.convention.supportsContext(this.context)).isTrue();
		assertThat(this.convention.supportsContext(new Observation.Context())).isFalse();
	}

	@Test
	void documentationListsTheConventionsKeys() {
		assertThat(WasmWorkerObservationDocumentation.INVOCATION.getDefaultConvention())
			.isEqualTo(DefaultWasmWorkerInvocationConvention.class);
		assertThat(WasmWorkerObservationDocumentation.INVOCATION.getLowCardinalityKeyNames())
			.extracting((key) -> key.asString())
			.containsExactly("wasm.worker.route", "outcome");
		assertThat(WasmWorkerObservationDocumentation.INVOCATION.getHighCardinalityKeyNames())
			.extracting((key) -> key.asString())
			.containsExactly("wasm.worker.file");
	}

}
