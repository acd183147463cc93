package dev.wasmworkers.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import dev.wasmworkers.execution.WorkerExecutor;
import dev.wasmworkers.kv.InMemoryKvStore;
import dev.wasmworkers.kv.KvLimits;
import dev.wasmworkers.protocol.WorkerProtocol;
import dev.wasmworkers.testing.Catalogs;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.RunLimits;
import dev.wasmworkers.worker.WorkerCatalog;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import dev.wasmworkers.worker.WorkerGates;
import dev.wasmworkers.worker.WorkerInvoker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The router describes its routes without waiting for the workers still loading at
 * start-up, since the application context visits it before they are loaded.
 */
@Timeout(30)
class RouteDescriptionsWhileLoadingTests {

	@TempDir
	Path root;

	private final WorkerExecutor executor = new WorkerExecutor(1, 4);

	@AfterEach
	void closeExecutor() {
		this.executor.close();
	}

	@Test
	void whileTheWorkersLoadNoRouteIsDescribedAndOnceLoadedEachWorkerIs() throws Exception {
		WatWorkers.write(this.root, "hello.wasm", WatWorkers.answering("hi"));
		CountDownLatch release = new CountDownLatch(1);
		WorkerCatalogHolder catalogs = WorkerCatalogHolder.loading(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Catalogs.load(this.root);
		});
		RouterFunction<?> router = ReactiveWorkerRouter.of(catalogs, invoker(), DataSize.ofKilobytes(1), List.of());

		CompletableFuture<List<String>> whileLoading = CompletableFuture.supplyAsync(() -> describedRoutes(router));
		try {
			assertThat(whileLoading.get(10, TimeUnit.SECONDS)).as("described while loading, without waiting").isEmpty();
		}
		finally {
			release.countDown();
		}
		WorkerCatalog loaded = catalogs.current();

		assertThat(loaded.workers()).hasSize(1);
		assertThat(describedRoutes(router)).containsExactly("/hello");
	}

	private WorkerInvoker invoker() {
		return new WorkerInvoker(this.executor, new WorkerProtocol(), new InMemoryKvStore(new KvLimits(100, 100_000)),
				new RunLimits(Duration.ofSeconds(5), 16, 1024, 1024), new WorkerGates(1, 4));
	}

	private static List<String> describedRoutes(RouterFunction<?> router) {
		List<String> routes = new ArrayList<>();
		router.accept(new RouterFunctions.Visitor() {

			@Override
			public void startNested(RequestPredicate predicate) {
			}

			@Override
			public void endNested(RequestPredicate predicate) {
			}

			@Override
			public void route(RequestPredicate predicate, HandlerFunction<?> handlerFunction) {
				routes.add(predicate.toString());
			}

			@Override
			public void resources(Function<ServerRequest, Mono<Resource>> lookupFunction) {
			}

			@Override
			public void attributes(Map<String, Object> attributes) {
			}

			@Override
			public void unknown(RouterFunction<?> routerFunction) {
			}

		});
		return routes;
	}

}
