package dev.wasmworkers.autoconfigure;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import dev.wasmworkers.testing.WatWorkers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.devtools.autoconfigure.LocalDevToolsAutoConfiguration;
import org.springframework.boot.devtools.classpath.ClassPathRestartStrategy;
import org.springframework.boot.devtools.classpath.PatternClassPathRestartStrategy;
import org.springframework.boot.devtools.env.DevToolsPropertyDefaultsPostProcessor;
import org.springframework.boot.devtools.filewatch.ChangedFile;
import org.springframework.boot.devtools.restart.Restarter;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot DevTools active, watching is on by default, and a change below the
 * workers folder never restarts the application while other files still do.
 * <p>
 * DevTools stays off in tests (it looks for JUnit on the stack), so each test initializes
 * its restarter, and runs DevTools' property defaults, on a thread of its own.
 */
class WasmWorkersDevToolsAutoConfigurationTests {

	private final ReactiveWebApplicationContextRunner contextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WasmWorkersAutoConfiguration.class,
				WasmWorkersDevToolsAutoConfiguration.class, LocalDevToolsAutoConfiguration.class));

	@TempDir
	Path project;

	private Path workers;

	private Path classes;

	@BeforeEach
	void initializeTheRestarter() throws Exception {
		this.workers = this.project.resolve("workers");
		this.classes = this.project.resolve("classes");
		WatWorkers.write(this.workers, "hello.wasm", WatWorkers.answering("hi"));
		URL classesUrl = this.classes.toUri().toURL();
		// Another test's SpringApplication may have left a (disabled) restarter behind.
		Restarter.clearInstance();
		onOwnThread(() -> Restarter.initialize(new String[0], false, (thread) -> new URL[] { classesUrl }, false));
	}

	@AfterEach
	void clearTheRestarter() {
		Restarter.clearInstance();
	}

	@Test
	void whenWatchingThenAChangeBelowTheWorkersFolderDoesNotRestartTheApplication() {
		this.contextRunner
			.withPropertyValues("wasm.workers.path=" + this.workers, "wasm.workers.watch=true",
					"spring.devtools.restart.additional-paths=" + this.project)
			.run((context) -> {
				ClassPathRestartStrategy strategy = context.getBean(ClassPathRestartStrategy.class);
				assertThat(strategy.isRestartRequired(changed(this.project, "workers/hello.wasm"))).isFalse();
				assertThat(strategy.isRestartRequired(changed(this.project, "workers/sub/new.js"))).isFalse();
				assertThat(strategy.isRestartRequired(changed(this.classes, "com/example/App.class"))).isTrue();
				assertThat(strategy.isRestartRequired(changed(this.classes, "static/app.css")))
					.as("DevTools' own exclusions still apply")
					.isFalse();
			});
	}

	@Test
	void whenNotWatchingThenDevToolsKeepsItsOwnStrategy() {
		this.contextRunner.withPropertyValues("wasm.workers.path=" + this.workers).run((context) -> {
			assertThat(context.getBean(ClassPathRestartStrategy.class))
				.isInstanceOf(PatternClassPathRestartStrategy.class);
			assertThat(context.getBean(ClassPathRestartStrategy.class)
				.isRestartRequired(changed(this.project, "workers/hello.wasm"))).isTrue();
		});
	}

	@Test
	void devToolsPropertyDefaultsTurnWatchingOn() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();

		onOwnThread(() -> new DevToolsPropertyDefaultsPostProcessor().postProcessEnvironment(environment,
				new SpringApplication()));

		assertThat(environment.getProperty("wasm.workers.watch")).isEqualTo("true");
	}

	private static ChangedFile changed(Path sourceFolder, String file) {
		File source = sourceFolder.toFile();
		return new ChangedFile(source, new File(source, file), ChangedFile.Type.MODIFY);
	}

	private static void onOwnThread(Runnable action) throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread thread = new Thread(() -> {
			try {
				action.run();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		}, "devtools-test");
		thread.start();
		thread.join();
		assertThat(failure.get()).isNull();
	}

}
