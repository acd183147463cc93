package dev.wasmworkers.actuate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.wasmworkers.actuate.WasmKvEndpoint.NamespaceDescriptor;
import dev.wasmworkers.actuate.WasmKvEndpoint.NamespaceSummaryDescriptor;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvChange;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.kv.KvStore;
import dev.wasmworkers.testing.Catalogs;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

class WasmKvEndpointTests {

	@TempDir
	Path workers;

	private final KvStore store = new InMemoryKvStore(new KvLimits(100, 10_000));

	private WorkerCatalog catalog;

	@BeforeEach
	void loadWorkers() throws Exception {
		WatWorkers.write(this.workers, "a.wasm", WatWorkers.answering("a"));
		Files.writeString(this.workers.resolve("a.toml"), "[data.kv]\nnamespace = \"configured\"\n");
		WatWorkers.write(this.workers, "b.wasm", WatWorkers.answering("b"));
		Files.writeString(this.workers.resolve("b.toml"), "[data.kv]\nnamespace = \"configured\"\n");
		this.catalog = Catalogs.load(this.workers);
	}

	@Test
	void namespacesIncludeThoseConfiguredByAWorkerBeforeAnythingIsWritten() {
		store("written", Map.of("k", "v"));
		Map<String, NamespaceSummaryDescriptor> namespaces = endpoint(Show.NEVER).namespaces().namespaces();
		assertThat(namespaces).containsOnlyKeys("configured", "written");
		assertThat(namespaces.get("configured"))
			.isEqualTo(new NamespaceSummaryDescriptor(0, 0, List.of("a.wasm", "b.wasm")));
		assertThat(namespaces.get("written")).isEqualTo(new NamespaceSummaryDescriptor(1, 2, List.of()));
	}

	@Test
	void sizesAreUtf8BytesOfKeysAndValues() {
		store("ns", Map.of("é", "€", "k", "v"));
		NamespaceDescriptor namespace = endpoint(Show.ALWAYS).namespace("ns");
		assertThat(namespace.bytes()).isEqualTo(2 + 3 + 1 + 1);
		assertThat(namespace.keys().get("é").bytes()).isEqualTo(5);
		assertThat(namespace.keys().get("é").value()).isEqualTo("€");
	}

	@Test
	void anUnknownNamespaceIsNullAndAConfiguredEmptyOneIsNot() {
		assertThat(endpoint(Show.NEVER).namespace("unknown")).isNull();
		assertThat(endpoint(Show.NEVER).namespace("configured").entries()).isZero();
	}

	@Test
	void withoutAWebRequestWhenAuthorizedShowsValuesAsBootsEnvEndpointDoes() {
		store("ns", Map.of("k", "v"));
		assertThat(endpoint(Show.WHEN_AUTHORIZED).entry("ns", "k").value()).isEqualTo("v");
		assertThat(endpoint(Show.NEVER).entry("ns", "k").value()).isEqualTo("******");
	}

	@Test
	void overHttpWhenAuthorizedShowsValuesOnlyToAUserWithARole() {
		store("ns", Map.of("k", "v"));
		WasmKvEndpointWebExtension extension = new WasmKvEndpointWebExtension(endpoint(Show.WHEN_AUTHORIZED),
				Show.WHEN_AUTHORIZED, Set.of("KV_ADMIN"));
		assertThat(extension.entry(SecurityContext.NONE, "ns", "k").getBody().value()).isEqualTo("******");
		assertThat(extension.entry(user("OTHER"), "ns", "k").getBody().value()).isEqualTo("******");
		assertThat(extension.entry(user("KV_ADMIN"), "ns", "k").getBody().value()).isEqualTo("v");
		assertThat(extension.namespace(user("KV_ADMIN"), "ns").getBody().keys().get("k").value()).isEqualTo("v");
	}

	@Test
	void overHttpUnknownNamespacesAndKeysAreNotFound() {
		WasmKvEndpointWebExtension extension = new WasmKvEndpointWebExtension(endpoint(Show.NEVER), Show.NEVER,
				Set.of());
		assertThat(extension.namespace(SecurityContext.NONE, "unknown").getStatus())
			.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
		assertThat(extension.entry(SecurityContext.NONE, "configured", "k").getStatus())
			.isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
	}

	@Test
	void deletingAKeyLeavesTheOthersAndClearingKeepsNothing() {
		store("ns", Map.of("a", "1", "b", "2", "c", "3"));
		WasmKvEndpoint endpoint = endpoint(Show.NEVER);
		assertThat(endpoint.deleteEntry("ns", "a").removed()).isEqualTo(1);
		assertThat(this.store.snapshot("ns").join()).isEqualTo(Map.of("b", "2", "c", "3"));
		assertThat(endpoint.clearNamespace("ns").removed()).isEqualTo(2);
		assertThat(this.store.snapshot("ns").join()).isEmpty();
	}

	@Test
	void deletingFromANamespaceThatWasNeverWrittenDoesNotCreateIt() {
		WasmKvEndpoint endpoint = endpoint(Show.NEVER);
		assertThat(endpoint.deleteEntry("never", "a").removed()).isZero();
		assertThat(endpoint.clearNamespace("never").removed()).isZero();
		assertThat(this.store.namespaces().join()).doesNotContain("never");
	}

	private WasmKvEndpoint endpoint(Show show) {
		return new WasmKvEndpoint(this.store, new WorkerCatalogHolder(this.catalog), List.of(), show);
	}

	private void store(String namespace, Map<String, String> entries) {
		this.store.apply(namespace, new KvChange(entries, Set.of())).join();
	}

	private static SecurityContext user(String role) {
		return new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "user";
			}

			@Override
			public boolean isUserInRole(String name) {
				return role.equals(name);
			}

		};
	}

}
