package dev.wasmworkers.reload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerDiscovery;
import dev.wasmworkers.engine.WasmEngine;
import dev.wasmworkers.engine.WasmProgram;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reload compiles the added and changed workers only, keeps the previous version of a
 * worker whose new one fails, drops the removed ones, and swaps a new catalog in only
 * when something changed.
 */
class CatalogReloaderTests {

	private static final WorkerLoader loader = new WorkerLoader(new WasmEngine(),
			new WorkerConfigReader(Map.<String, String>of()::get));

	@TempDir
	Path root;

	@Test
	void onlyTheChangedWorkerIsCompiledAgain() {
		ReloadedWorkers.printing(this.root, "a.wasm", "a1");
		ReloadedWorkers.printing(this.root, "b.wasm", "b1");
		CatalogReloader reloader = load();
		Worker a = worker(reloader, "a.wasm");

		ReloadedWorkers.printing(this.root, "b.wasm", "b2");
		ReloadReport report = reloader.reload();

		assertThat(report.changed()).containsExactly("b.wasm");
		assertThat(report.added()).isEmpty();
		assertThat(report.removed()).isEmpty();
		assertThat(report.failed()).isEmpty();
		assertThat(report.summary()).isEqualTo("0 added, 1 changed, 0 removed, 0 failed");
		assertThat(worker(reloader, "a.wasm")).isSameAs(a);
		assertThat(ReloadedWorkers.run(worker(reloader, "b.wasm"))).isEqualTo("b2");
	}

	@Test
	void aRewriteWithTheSameContentIsNoChange() {
		ReloadedWorkers.printing(this.root, "a.wasm", "a1");
		CatalogReloader reloader = load();
		WorkerCatalog before = reloader.catalogs().current();

		ReloadedWorkers.printing(this.root, "a.wasm", "a1");
		ReloadReport report = reloader.reload();

		assertThat(report.changedAnything()).isFalse();
		assertThat(reloader.catalogs().current()).isSameAs(before);
	}

	@Test
	void anAddedWorkerIsServedAndARemovedOneLeavesTheCatalog() throws IOException {
		ReloadedWorkers.printing(this.root, "old.wasm", "old");
		CatalogReloader reloader = load();

		ReloadedWorkers.printing(this.root, "sub/new.wasm", "new");
		Files.delete(this.root.resolve("old.wasm"));
		ReloadReport report = reloader.reload();

		assertThat(report.added()).containsExactly("sub/new.wasm");
		assertThat(report.removed()).containsExactly("old.wasm");
		assertThat(reloader.catalogs().current().workers()).extracting(Worker::name).containsExactly("sub/new.wasm");
		assertThat(ReloadedWorkers.run(worker(reloader, "sub/new.wasm"))).isEqualTo("new");
	}

	@Test
	void aChangedWorkerWhoseNewVersionFailsKeepsServingItsPreviousVersionUntilFixed() {
		ReloadedWorkers.printing(this.root, "a.wasm", "good");
		CatalogReloader reloader = load();
		WasmProgram good = worker(reloader, "a.wasm").program().orElseThrow();

		ReloadedWorkers.write(this.root, "a.wasm", "not a module".getBytes(StandardCharsets.UTF_8));
		ReloadReport broken = reloader.reload();

		Worker kept = worker(reloader, "a.wasm");
		assertThat(broken.changed()).containsExactly("a.wasm");
		assertThat(broken.failed()).containsOnlyKeys("a.wasm");
		assertThat(broken.failed().get("a.wasm")).startsWith("serving the previous version; the new one failed: ")
			.contains("not a valid WebAssembly module");
		assertThat(kept.program()).containsSame(good);
		assertThat(kept.failure()).isEmpty();
		assertThat(kept.newVersionFailure())
			.hasValueSatisfying((reason) -> assertThat(reason).contains("not a valid WebAssembly module"));
		assertThat(ReloadedWorkers.run(kept)).isEqualTo("good");

		WorkerCatalog stillBroken = reloader.catalogs().current();
		assertThat(reloader.reload().changedAnything()).isFalse();
		assertThat(reloader.catalogs().current()).isSameAs(stillBroken);

		ReloadedWorkers.printing(this.root, "a.wasm", "fixed");
		ReloadReport fixed = reloader.reload();

		assertThat(fixed.changed()).containsExactly("a.wasm");
		assertThat(fixed.failed()).isEmpty();
		assertThat(worker(reloader, "a.wasm").problem()).isEmpty();
		assertThat(ReloadedWorkers.run(worker(reloader, "a.wasm"))).isEqualTo("fixed");
	}

	@Test
	void aNewWorkerThatFailsToLoadIsAFailedWorker() {
		ReloadedWorkers.printing(this.root, "a.wasm", "a");
		CatalogReloader reloader = load();

		ReloadedWorkers.write(this.root, "broken.wasm", new byte[] { 0, 'a', 's', 'm', 9 });
		ReloadReport report = reloader.reload();

		Worker broken = worker(reloader, "broken.wasm");
		assertThat(report.added()).containsExactly("broken.wasm");
		assertThat(report.failed().get("broken.wasm")).contains("not a valid WebAssembly module");
		assertThat(broken.program()).isEmpty();
		assertThat(broken.failure()).isPresent();
	}

	@Test
	void aTomlChangeReloadsItsWorkerAndABrokenOneKeepsThePreviousConfiguration() throws IOException {
		ReloadedWorkers.printing(this.root, "a.wasm", "a");
		Files.writeString(this.root.resolve("a.toml"), "[vars]\nGREETING = \"one\"\n");
		CatalogReloader reloader = load();

		Files.writeString(this.root.resolve("a.toml"), "[vars]\nGREETING = \"two\"\n");
		assertThat(reloader.reload().changed()).containsExactly("a.wasm");
		assertThat(worker(reloader, "a.wasm").config().vars()).containsEntry("GREETING", "two");

		Files.writeString(this.root.resolve("a.toml"), "[vars\n");
		ReloadReport broken = reloader.reload();

		assertThat(broken.failed().get("a.wasm"))
			.startsWith("serving the previous version; the new one failed: invalid configuration");
		assertThat(worker(reloader, "a.wasm").config().vars()).containsEntry("GREETING", "two");
	}

	@Test
	void thePublicFolderAppearingSwapsTheCatalog() throws IOException {
		ReloadedWorkers.printing(this.root, "a.wasm", "a");
		CatalogReloader reloader = load();
		assertThat(reloader.catalogs().current().publicFolder()).isEmpty();

		Files.createDirectories(this.root.resolve("public"));
		Files.writeString(this.root.resolve("public/index.html"), "<h1>hi</h1>");
		ReloadReport report = reloader.reload();

		assertThat(report.changedAnything()).isFalse();
		assertThat(reloader.catalogs().current().publicFolder()).isPresent();
	}

	@Test
	void aFolderThatWentAwayKeepsTheWorkersLoadedBefore() throws IOException {
		ReloadedWorkers.printing(this.root, "a.wasm", "a");
		CatalogReloader reloader = load();
		WorkerCatalog before = reloader.catalogs().current();

		Files.delete(this.root.resolve("a.wasm"));
		Files.delete(this.root);
		ReloadReport report = reloader.reload();

		assertThat(report.notReloaded()).isEqualTo("the workers folder no longer exists or cannot be read");
		assertThat(reloader.catalogs().current()).isSameAs(before);
	}

	@Test
	void packagedWorkersAreNeverReloaded() {
		ReloadedWorkers.printing(this.root, "a.wasm", "a");
		CatalogReloader reloader = CatalogReloader.loadPackaged(this.root, "", discovery(), loader,
				"classpath:workers");
		WorkerCatalog before = reloader.catalogs().current();

		ReloadedWorkers.printing(this.root, "b.wasm", "b");
		ReloadReport report = reloader.reload();

		assertThat(reloader.notReloadable()).contains("classpath:workers");
		assertThat(report.notReloaded()).isEqualTo(reloader.notReloadable());
		assertThat(report.summary()).startsWith("nothing reloaded: the workers packaged in the application");
		assertThat(reloader.catalogs().current()).isSameAs(before);
	}

	/** Loads the folder, and waits for it before the test changes it. */
	private CatalogReloader load() {
		CatalogReloader reloader = CatalogReloader.load(this.root, "", discovery(), loader);
		reloader.catalogs().current();
		return reloader;
	}

	private static WorkerDiscovery discovery() {
		return new WorkerDiscovery(Set.of("wasm"));
	}

	private static Worker worker(CatalogReloader reloader, String name) {
		return reloader.catalogs()
			.current()
			.workers()
			.stream()
			.filter((worker) -> worker.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

}
