package dev.wasmworkers.autoconfigure;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import com.dylibso.chicory.wabt.Wat2Wasm;
import dev.wasmworkers.reload.CatalogReloader;
import dev.wasmworkers.testing.Awaiting;
import dev.wasmworkers.testing.WatWorkers;
import dev.wasmworkers.worker.Worker;
import dev.wasmworkers.worker.WorkerCatalogHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code wasm.workers.watch}: off by default; on, the workers folder is watched from when
 * the context starts, except packaged workers, which are never watched.
 */
@ExtendWith(OutputCaptureExtension.class)
class WasmWorkersWatchAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class));

	@TempDir
	Path workers;

	@Test
	void whenWatchIsNotSetThenTheFolderIsNotWatchedButCanBeReloaded() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context).doesNotHaveBean(WorkersFolderWatch.class).hasSingleBean(CatalogReloader.class);
			assertThat(context.getBean(CatalogReloader.class).notReloadable()).isNull();
			assertThat(context.getBean(CatalogReloader.class).catalogs())
				.isSameAs(context.getBean(WorkerCatalogHolder.class));
		});
	}

	@Test
	void whenWatchIsSetThenAnAddedWorkerIsServedWithoutARestart() {
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.watch=true")
			.run((context) -> {
				assertThat(context.getBean(WorkersFolderWatch.class).isRunning()).isTrue();
				WorkerCatalogHolder catalogs = context.getBean(WorkerCatalogHolder.class);

				WatWorkers.write(this.workers, "added.wasm", WatWorkers.answering("added"));

				Awaiting.until(
						() -> catalogs.current().workers().stream().map(Worker::name).anyMatch("added.wasm"::equals));
			});
	}

	@Test
	void whenWatchIsSetAndTheWorkersArePackagedThenTheyAreNotWatched(CapturedOutput output) throws IOException {
		Path jar = this.workers.resolve("app.jar");
		try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
			out.putNextEntry(new JarEntry("packaged/"));
			out.putNextEntry(new JarEntry("packaged/hello.wasm"));
			out.write(Wat2Wasm.parse(WatWorkers.answering("hi")));
		}
		try (URLClassLoader classLoader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
				getClass().getClassLoader())) {
			this.contextRunner.withClassLoader(classLoader)
				.withPropertyValues("wasm.workers.path=classpath:packaged", "wasm.workers.watch=true")
				.run((context) -> {
					CatalogReloader reloader = context.getBean(CatalogReloader.class);
					assertThat(context.getBean(WorkersFolderWatch.class).isRunning()).isFalse();
					assertThat(reloader.notReloadable()).contains("classpath:packaged");
					assertThat(reloader.reload().notReloaded()).isEqualTo(reloader.notReloadable());
					assertThat(output).contains("wasm.workers.watch is on, but the workers are not watched");
				});
		}
	}

}
