package dev.wasmworkers.worker;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Holds the catalog being served: every request, endpoint and meter reads
 * {@link #current()}, and a reload replaces it at once with {@link #swap(WorkerCatalog)}.
 * <p>
 * A catalog is immutable, so a request routed against one catalog sees that catalog
 * whole, whatever happens to the holder meanwhile.
 * <p>
 * The first catalog may load on a thread of its own ({@link #loading(Supplier)}), while
 * the application goes on starting: until it is loaded, {@link #current()} waits for it.
 */
public final class WorkerCatalogHolder {

	/** The name of the thread a first catalog loads on. */
	static final String LOADING_THREAD_NAME = "wasm-workers-load";

	private final CompletableFuture<WorkerCatalog> first;

	private final AtomicReference<WorkerCatalog> current = new AtomicReference<>();

	private WorkerCatalogHolder(CompletableFuture<WorkerCatalog> first) {
		this.first = first;
	}

	/**
	 * Creates a holder serving a first catalog.
	 * @param initial the catalog loaded at start-up
	 */
	public WorkerCatalogHolder(WorkerCatalog initial) {
		this(CompletableFuture.completedFuture(Objects.requireNonNull(initial, "initial")));
		this.current.set(initial);
	}

	/**
	 * Creates a holder whose first catalog loads on a new daemon thread, from now on.
	 * @param load loads the first catalog; what it throws is thrown by {@link #current()}
	 * @return the holder
	 */
	public static WorkerCatalogHolder loading(Supplier<WorkerCatalog> load) {
		CompletableFuture<WorkerCatalog> first = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				first.complete(Objects.requireNonNull(load.get(), "catalog"));
			}
			catch (RuntimeException | Error ex) {
				first.completeExceptionally(ex);
			}
		}, LOADING_THREAD_NAME);
		thread.setDaemon(true);
		thread.start();
		return new WorkerCatalogHolder(first);
	}

	/**
	 * The catalog being served now, once the first one is loaded.
	 * @return the current catalog
	 * @throws RuntimeException what loading the first catalog threw, if it failed
	 */
	public WorkerCatalog current() {
		WorkerCatalog catalog = this.current.get();
		return (catalog != null) ? catalog : awaitFirst();
	}

	/**
	 * The catalog being served now, without waiting for the first one.
	 * @return the current catalog, empty while the first one is loading or when loading
	 * it failed
	 */
	public Optional<WorkerCatalog> currentIfLoaded() {
		WorkerCatalog catalog = this.current.get();
		if (catalog == null && this.first.isDone() && !this.first.isCompletedExceptionally()) {
			return Optional.of(awaitFirst());
		}
		return Optional.ofNullable(catalog);
	}

	/**
	 * Serves another catalog from now on; requests already routed keep the catalog they
	 * were routed against.
	 * @param next the catalog to serve
	 * @return the catalog served until now, for the caller to retire
	 */
	public WorkerCatalog swap(WorkerCatalog next) {
		awaitFirst();
		return this.current.getAndSet(Objects.requireNonNull(next, "next"));
	}

	private WorkerCatalog awaitFirst() {
		WorkerCatalog loaded;
		try {
			loaded = this.first.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error failure) {
				throw failure;
			}
			throw ex;
		}
		this.current.compareAndSet(null, loaded);
		return this.current.get();
	}

}
