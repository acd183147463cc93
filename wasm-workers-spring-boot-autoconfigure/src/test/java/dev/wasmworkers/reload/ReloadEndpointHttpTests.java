package dev.wasmworkers.reload;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.Unreachable;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.testing.WebStack;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

import static dev.wasmworkers.reload.ReloadedProject.copy;
import static dev.wasmworkers.reload.ReloadedProject.get;
import static dev.wasmworkers.reload.ReloadedProject.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without watching, {@code POST /actuator/wasmworkers} reloads the folder on demand (once
 * its access is unrestricted) and answers what was added, changed, removed and failed;
 * and the catalogs and programs that 500 reloads replaced, each served to a request
 * first, become unreachable.
 */
class ReloadEndpointHttpTests {

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class,
			() -> List.of("wasm.workers.path=" + ReloadedProject.create(),
					"management.endpoints.web.exposure.include=wasmworkers",
					"management.endpoint.wasmworkers.access=unrestricted"));

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aReloadOnDemandAnswersWhatWasAddedChangedRemovedAndFailed(WebStack stack) throws IOException {
		int port = servers.port(stack);
		Path root = root(stack);
		copy(ReloadedProject.HELLO, root, "kept.wasm");
		copy(ReloadedProject.HELLO, root, "changed.wasm");
		copy(ReloadedProject.HELLO, root, "removed.wasm");
		JsonNode first = reload(port);
		assertThat(Json.strings(first.get("added"))).contains("kept.wasm", "changed.wasm", "removed.wasm");

		copy(ReloadedProject.HEALTHY, root, "changed.wasm");
		Files.delete(root.resolve("removed.wasm"));
		copy(ReloadedProject.HELLO, root, "misconfigured.wasm");
		write(root, "misconfigured.toml", "[vars\n");
		assertThat(get(port, "/changed").body()).as("not watched: served as loaded until the reload")
			.contains(ReloadedProject.HELLO_TEXT);

		JsonNode report = reload(port);

		assertThat(report.get("summary").stringValue()).isEqualTo("1 added, 1 changed, 1 removed, 1 failed");
		assertThat(Json.strings(report.get("added"))).containsExactly("misconfigured.wasm");
		assertThat(Json.strings(report.get("changed"))).containsExactly("changed.wasm");
		assertThat(Json.strings(report.get("removed"))).containsExactly("removed.wasm");
		assertThat(report.get("failed").get("misconfigured.wasm").stringValue())
			.startsWith("invalid configuration: ******/misconfigured.toml:1")
			.doesNotContain(root.toString());
		assertThat(get(port, "/changed").body()).isEqualTo("ok");
		assertThat(get(port, "/kept").body()).contains(ReloadedProject.HELLO_TEXT);
		assertThat(get(port, "/removed").statusCode()).isEqualTo(404);
		assertThat(get(port, "/misconfigured").statusCode()).isEqualTo(500);
		assertThat(reload(port).get("summary").stringValue()).isEqualTo("0 added, 0 changed, 0 removed, 0 failed");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void theCatalogsAndProgramsThatFiveHundredReloadsReplacedBecomeUnreachable(WebStack stack) {
		int port = servers.port(stack);
		Path root = root(stack);
		WorkerCatalogHolder catalogs = servers.bean(stack, WorkerCatalogHolder.class);
		List<WeakReference<WorkerCatalog>> replaced = new ArrayList<>();
		List<WeakReference<Object>> programs = new ArrayList<>();
		for (int version = 0; version < 500; version++) {
			WatWorkers.write(root, "versioned.wasm", WatWorkers.answering("v" + version));
			reload(port);
			HttpResponse<String> response = get(port, "/versioned");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("v" + version);
			WorkerCatalog current = catalogs.current();
			replaced.add(new WeakReference<>(current));
			current.workers()
				.stream()
				.filter((worker) -> worker.name().equals("versioned.wasm"))
				.forEach((worker) -> programs.add(new WeakReference<>(worker.program().orElseThrow())));
		}
		WatWorkers.write(root, "versioned.wasm", WatWorkers.answering("last"));
		reload(port);
		assertThat(get(port, "/versioned").body()).isEqualTo("last");

		Unreachable.await(replaced);
		Unreachable.await(programs);
	}

	private static JsonNode reload(int port) {
		HttpResponse<String> response = ReloadedProject.send(port, "POST", "/actuator/wasmworkers");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Json.parse(response.body());
	}

	private static Path root(WebStack stack) {
		return servers.bean(stack, CatalogReloader.class).root();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
