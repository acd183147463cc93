package dev.wasmworkers.autoconfigure;

import java.nio.file.Path;

import dev.wasmworkers.reload.CatalogReloader;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.devtools.autoconfigure.DevToolsProperties;
import org.springframework.boot.devtools.classpath.ClassPathRestartStrategy;
import org.springframework.boot.devtools.classpath.PatternClassPathRestartStrategy;
import org.springframework.boot.devtools.filewatch.ChangedFile;
import org.springframework.boot.devtools.restart.ConditionalOnInitializedRestarter;
import org.springframework.context.annotation.Bean;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for Spring Boot DevTools while the
 * workers folder is watched: a change below the workers folder never restarts the
 * application (the workers are reloaded instead, and the in-memory KV store keeps its
 * data), whatever {@code spring.devtools.restart.additional-paths} or the class path make
 * DevTools watch. Other files restart it as DevTools' exclude patterns say.
 * <p>
 * ({@code wasm.workers.watch} defaults to {@code true} while DevTools is active, through
 * the property defaults of {@code META-INF/spring-devtools.properties}.)
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@AutoConfiguration(after = WasmWorkersAutoConfiguration.class,
		beforeName = "org.springframework.boot.devtools.autoconfigure.LocalDevToolsAutoConfiguration")
@ConditionalOnClass(ClassPathRestartStrategy.class)
@ConditionalOnInitializedRestarter
@ConditionalOnBooleanProperty("wasm.workers.watch")
@ConditionalOnBean(CatalogReloader.class)
@EnableConfigurationProperties(DevToolsProperties.class)
public final class WasmWorkersDevToolsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ClassPathRestartStrategy wasmWorkersClassPathRestartStrategy(DevToolsProperties properties,
			CatalogReloader reloader) {
		ClassPathRestartStrategy patterns = new PatternClassPathRestartStrategy(
				properties.getRestart().getAllExclude());
		Path workers = reloader.root();
		return (file) -> !isBelow(file, workers) && patterns.isRestartRequired(file);
	}

	private static boolean isBelow(ChangedFile file, Path folder) {
		return file.getFile().toPath().toAbsolutePath().normalize().startsWith(folder);
	}

}
