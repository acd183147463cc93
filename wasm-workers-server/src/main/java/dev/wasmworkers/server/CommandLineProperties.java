package dev.wasmworkers.server;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Adds the properties the wws options stand for to the environment, right after Spring's
 * own command-line arguments: a {@code --server.port=} argument wins over {@code -p}, and
 * the wws options win over every other source.
 */
final class CommandLineProperties implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	/** The name of the property source. */
	static final String NAME = "wwsCommandLine";

	private final Map<String, Object> properties;

	/** Creates the listener for these properties. */
	CommandLineProperties(Map<String, Object> properties) {
		this.properties = properties;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		MutablePropertySources sources = event.getEnvironment().getPropertySources();
		MapPropertySource source = new MapPropertySource(NAME, this.properties);
		if (sources.contains(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME)) {
			sources.addAfter(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME, source);
		}
		else {
			sources.addFirst(source);
		}
	}

}
