package dev.wasmworkers.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A first catalog that loads on a thread of its own while the application starts. */
@Timeout(30)
class WorkerCatalogHolderTests {

	@TempDir
	Path root;

	@Test
	void aFirstCatalogLoadsOnItsOwnThreadAndCurrentWaitsForIt() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicReference<String> loadingThread = new AtomicReference<>();
		WorkerCatalog catalog = emptyCatalog();
		WorkerCatalogHolder holder = WorkerCatalogHolder.loading(() -> {
			loadingThread.set(Thread.currentThread().getName());
			await(release);
			return catalog;
		});
		CompletableFuture<WorkerCatalog> waiter = CompletableFuture.supplyAsync(holder::current);

		assertThat(holder.currentIfLoaded()).as("while loading").isEmpty();
		assertThat(waiter).as("current() while loading").isNotDone();
		Thread.sleep(100);
		assertThat(waiter).as("current() while loading, a little later").isNotDone();

		release.countDown();

		assertThat(waiter.get(10, TimeUnit.SECONDS)).isSameAs(catalog);
		assertThat(holder.current()).isSameAs(catalog);
		assertThat(holder.currentIfLoaded()).containsSame(catalog);
		assertThat(loadingThread).hasValue(WorkerCatalogHolder.LOADING_THREAD_NAME);
	}

	@Test
	void aFailedFirstLoadIsThrownToEveryReaderAndNothingIsServed() throws Exception {
		CountDownLatch failed = new CountDownLatch(1);
		WorkerCatalogHolder holder = WorkerCatalogHolder.loading(() -> {
			failed.countDown();
			throw new IllegalStateException("the folder cannot be listed");
		});
		failed.await();

		assertThatIllegalStateException().isThrownBy(holder::current).withMessage("the folder cannot be listed");
		assertThatIllegalStateException().isThrownBy(holder::current).withMessage("the folder cannot be listed");
		assertThat(holder.currentIfLoaded()).isEmpty();
	}

	@Test
	void aSwapServesTheNextCatalogAfterTheFirst() {
		WorkerCatalog first = emptyCatalog();
		WorkerCatalog next = emptyCatalog();
		WorkerCatalogHolder holder = WorkerCatalogHolder.loading(() -> first);

		assertThat(holder.swap(next)).isSameAs(first);
		assertThat(holder.current()).isSameAs(next);
		assertThat(holder.currentIfLoaded()).containsSame(next);
	}

	private WorkerCatalog emptyCatalog() {
		return WorkerCatalog.of(this.root, "", List.of(), Duration.ZERO);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
