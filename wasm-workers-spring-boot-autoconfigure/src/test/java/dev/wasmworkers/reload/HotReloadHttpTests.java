package dev.wasmworkers.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.wasmworkers.testing.Json;
import dev.wasmworkers.testing.StackServers;
import dev.wasmworkers.testing.WebStack;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.util.FileSystemUtils;

import static dev.wasmworkers.reload.ReloadedProject.await;
import static dev.wasmworkers.reload.ReloadedProject.awaitAnswer;
import static dev.wasmworkers.reload.ReloadedProject.copy;
import static dev.wasmworkers.reload.ReloadedProject.get;
import static dev.wasmworkers.reload.ReloadedProject.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code wasm.workers.watch}, a worker added, changed (C and JavaScript), broken
 * then fixed, or removed while the server runs is served as its files say, without a
 * restart; so are TOML and public files, and KV data survives. Each stack serves a folder
 * of its own.
 */
class HotReloadHttpTests {

	@RegisterExtension
	static final StackServers servers = new StackServers(TestApplication.class,
			() -> List.of("wasm.workers.path=" + ReloadedProject.create(), "wasm.workers.watch=true",
					"management.endpoints.web.exposure.include=health,wasmworkers",
					"management.endpoint.health.show-details=always"));

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aWorkerAddedInANewFolderIsServed(WebStack stack) {
		int port = servers.port(stack);
		assertThat(get(port, "/fresh/deeper/added").statusCode()).isEqualTo(404);

		copy(ReloadedProject.HELLO, root(stack), "fresh/deeper/added.wasm");

		awaitAnswer(port, "/fresh/deeper/added", 200, ReloadedProject.HELLO_TEXT);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aChangedCWorkerServesItsNewVersion(WebStack stack) {
		int port = servers.port(stack);
		copy(ReloadedProject.HELLO, root(stack), "c.wasm");
		awaitAnswer(port, "/c", 200, ReloadedProject.HELLO_TEXT);

		copy(ReloadedProject.HEALTHY, root(stack), "c.wasm");

		await("the new version of c.wasm", () -> get(port, "/c").body().equals("ok"));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aChangedJavaScriptWorkerServesItsNewVersion(WebStack stack) {
		int port = servers.port(stack);
		write(root(stack), "js.js", answering("first"));
		awaitAnswer(port, "/js", 200, "first");

		write(root(stack), "js.js", answering("second"));

		await("the new version of js.js", () -> get(port, "/js").body().equals("second"));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aBrokenCWorkerKeepsServingItsPreviousVersionUntilFixed(WebStack stack) {
		int port = servers.port(stack);
		copy(ReloadedProject.HELLO, root(stack), "fragile.wasm");
		awaitAnswer(port, "/fragile", 200, ReloadedProject.HELLO_TEXT);

		write(root(stack), "fragile.wasm", "not a module");

		await("fragile.wasm to be stale", () -> "stale".equals(state(port, "fragile.wasm")));
		assertThat(get(port, "/fragile").body()).contains(ReloadedProject.HELLO_TEXT);
		JsonNode worker = Json.parse(get(port, "/actuator/wasmworkers/fragile.wasm").body());
		assertThat(worker.get("failure").stringValue()).startsWith("serving the previous version; the new one failed: ")
			.contains("not a valid WebAssembly module");
		JsonNode health = Json.parse(get(port, "/actuator/health/wasmWorkers").body());
		assertThat(health.get("status").stringValue()).isEqualTo("UP");
		assertThat(health.at("/details/failed/fragile.wasm").stringValue())
			.startsWith("serving the previous version; the new one failed: ");

		copy(ReloadedProject.HEALTHY, root(stack), "fragile.wasm");

		await("the fixed version of fragile.wasm", () -> get(port, "/fragile").body().equals("ok"));
		assertThat(state(port, "fragile.wasm")).isEqualTo("served");
		assertThat(Json.parse(get(port, "/actuator/health/wasmWorkers").body())
			.at("/details/failed/fragile.wasm")
			.isMissingNode()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aJavaScriptSyntaxErrorKeepsThePreviousVersionUntilFixed(WebStack stack) {
		int port = servers.port(stack);
		write(root(stack), "typo.js", answering("before"));
		awaitAnswer(port, "/typo", 200, "before");

		write(root(stack), "typo.js", "addEventListener('fetch', (event) => {\n  event.respondWith(;\n});\n");

		await("typo.js to be stale", () -> "stale".equals(state(port, "typo.js")));
		assertThat(get(port, "/typo").body()).isEqualTo("before");
		assertThat(Json.parse(get(port, "/actuator/wasmworkers/typo.js").body()).get("failure").stringValue())
			.contains("SyntaxError at typo.js:2:");

		write(root(stack), "typo.js", answering("after"));

		await("the fixed version of typo.js", () -> get(port, "/typo").body().equals("after"));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aNewWorkerThatFailsToLoadAnswers500(WebStack stack) {
		int port = servers.port(stack);

		write(root(stack), "never.wasm", "not a module");

		await("never.wasm to be failed", () -> "failed".equals(state(port, "never.wasm")));
		assertThat(get(port, "/never").statusCode()).isEqualTo(500);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aRemovedWorkerIsNotFoundOrLeavesItsPathToTheNextRoute(WebStack stack) throws IOException {
		int port = servers.port(stack);
		copy(ReloadedProject.HELLO, root(stack), "gone.wasm");
		copy(ReloadedProject.HELLO, root(stack), "items/special.wasm");
		copy(ReloadedProject.HEALTHY, root(stack), "items/[id].wasm");
		awaitAnswer(port, "/gone", 200, ReloadedProject.HELLO_TEXT);
		awaitAnswer(port, "/items/special", 200, ReloadedProject.HELLO_TEXT);
		awaitAnswer(port, "/items/other", 200, "ok");

		Files.delete(root(stack).resolve("gone.wasm"));
		Files.delete(root(stack).resolve("items/special.wasm"));

		await("gone.wasm to be removed", () -> get(port, "/gone").statusCode() == 404);
		await("/items/special to go to items/[id].wasm", () -> get(port, "/items/special").body().equals("ok"));
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void aTomlChangeTakesEffect(WebStack stack) {
		int port = servers.port(stack);
		copy(ReloadedProject.VARS, root(stack), "settings.wasm");
		write(root(stack), "settings.toml", "[vars]\nGREETING = \"first\"\n");
		awaitAnswer(port, "/settings", 200, "\"GREETING\":\"first\"");

		write(root(stack), "settings.toml", "[vars]\nGREETING = \"second\"\n");

		awaitAnswer(port, "/settings", 200, "\"GREETING\":\"second\"");
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void publicFilesAreServedOnceTheFolderAppearsAndNoLongerOnceItGoes(WebStack stack) {
		int port = servers.port(stack);
		assertThat(get(port, "/note.txt").statusCode()).isEqualTo(404);

		write(root(stack), "public/note.txt", "a note");

		awaitAnswer(port, "/note.txt", 200, "a note");
		write(root(stack), "public/note.txt", "a changed note");
		awaitAnswer(port, "/note.txt", 200, "a changed note");

		FileSystemUtils.deleteRecursively(root(stack).resolve("public").toFile());

		await("public/ to be gone", () -> get(port, "/note.txt").statusCode() == 404);
	}

	@ParameterizedTest
	@EnumSource(WebStack.class)
	void kvDataSurvivesAReloadOfItsWorker(WebStack stack) {
		int port = servers.port(stack);
		copy(ReloadedProject.COUNTER, root(stack), "visits.wasm");
		write(root(stack), "visits.toml", "version = \"1\"\n[data.kv]\nnamespace = \"visits\"\n");
		awaitAnswer(port, "/visits", 200, "count 1");
		assertThat(get(port, "/visits").body()).isEqualTo("count 2");

		write(root(stack), "visits.toml", "version = \"2\"\n[data.kv]\nnamespace = \"visits\"\n");
		await("visits.wasm version 2", () -> "2"
			.equals(Json.parse(get(port, "/actuator/wasmworkers/visits.wasm").body()).path("version").asString()));
		copy(ReloadedProject.HELLO, root(stack), "unrelated.wasm");
		awaitAnswer(port, "/unrelated", 200, ReloadedProject.HELLO_TEXT);

		assertThat(get(port, "/visits").body()).isEqualTo("count 3");
	}

	private static Path root(WebStack stack) {
		return servers.bean(stack, CatalogReloader.class).root();
	}

	private static String state(int port, String file) {
		return Json.parse(get(port, "/actuator/wasmworkers").body())
			.get("workers")
			.valueStream()
			.filter((worker) -> worker.get("file").stringValue().equals(file))
			.map((worker) -> worker.get("state").stringValue())
			.findFirst()
			.orElse("absent");
	}

	private static String answering(String text) {
		return "addEventListener('fetch', (event) => event.respondWith(new Response('" + text + "')));\n";
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
