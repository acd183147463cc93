package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The wait for the workers loading in the background, before the web server starts.
 */
@Timeout(30)
class WorkerCatalogLoadingLifecycleTests {

	@TempDir
	Path root;

	@Test
	void startsBeforeTheWebServer() {
		assertThat(WorkerCatalogLoadingLifecycle.PHASE)
			.isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
	}

	@Test
	void startingWaitsUntilTheWorkersAreLoaded() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		WorkerCatalog catalog = WorkerCatalog.of(this.root, "", List.of(), Duration.ZERO);
		WorkerCatalogHolder catalogs = WorkerCatalogHolder.loading(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return catalog;
		});
		WorkerCatalogLoadingLifecycle lifecycle = new WorkerCatalogLoadingLifecycle(catalogs);
		CompletableFuture<Void> starting = CompletableFuture.runAsync(lifecycle::start);

		Thread.sleep(100);
		assertThat(starting).isNotDone();
		assertThat(lifecycle.isRunning()).isFalse();

		release.countDown();
		starting.get(10, TimeUnit.SECONDS);

		assertThat(lifecycle.isRunning()).isTrue();
		assertThat(catalogs.currentIfLoaded()).containsSame(catalog);
	}

	@Test
	void aFailedLoadFailsTheStart() {
		WorkerCatalogHolder catalogs = WorkerCatalogHolder.loading(() -> {
			throw new IllegalStateException("the workers folder cannot be listed");
		});
		WorkerCatalogLoadingLifecycle lifecycle = new WorkerCatalogLoadingLifecycle(catalogs);

		assertThatIllegalStateException().isThrownBy(lifecycle::start)
			.withMessage("the workers folder cannot be listed");
		assertThat(lifecycle.isRunning()).isFalse();
	}

}
