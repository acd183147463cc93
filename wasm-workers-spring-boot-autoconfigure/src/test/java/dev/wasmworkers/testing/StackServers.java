package dev.wasmworkers.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Starts one application per {@link WebStack} on a random port, lazily, and stops them
 * after the test class: the HTTP tests are written once and run against every stack.
 * <p>
 * Register it as a static {@code @RegisterExtension} field and parameterise each test
 * with {@code @EnumSource(WebStack.class)}.
 */
public final class StackServers implements AfterAllCallback {

	private final Class<?> application;

	private final Supplier<List<String>> properties;

	private final Map<WebStack, ConfigurableApplicationContext> running = new EnumMap<>(WebStack.class);

	/**
	 * Creates the servers of an application.
	 * @param application the {@code @SpringBootConfiguration} class
	 * @param properties the properties of every server, as {@code name=value}, read when
	 * the first server starts
	 */
	public StackServers(Class<?> application, Supplier<List<String>> properties) {
		this.application = application;
		this.properties = properties;
	}

	/**
	 * Creates the servers of an application.
	 * @param application the {@code @SpringBootConfiguration} class
	 * @param properties the properties of every server, as {@code name=value}
	 */
	public StackServers(Class<?> application, String... properties) {
		this(application, () -> Arrays.asList(properties));
	}

	/**
	 * The application running on a stack, started if needed.
	 * @param stack the stack
	 * @return its context
	 */
	public synchronized ConfigurableApplicationContext context(WebStack stack) {
		return this.running.computeIfAbsent(stack, this::start);
	}

	/**
	 * The port of the server of a stack.
	 * @param stack the stack
	 * @return the port
	 */
	public int port(WebStack stack) {
		return ((WebServerApplicationContext) context(stack)).getWebServer().getPort();
	}

	/**
	 * A client of the server of a stack, through its port.
	 * @param stack the stack
	 * @return the client
	 */
	public WebTestClient client(WebStack stack) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port(stack))
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * A bean of the application of a stack.
	 * @param stack the stack
	 * @param type the bean type
	 * @param <T> the bean type
	 * @return the bean
	 */
	public <T> T bean(WebStack stack, Class<T> type) {
		return context(stack).getBean(type);
	}

	private ConfigurableApplicationContext start(WebStack stack) {
		List<String> all = new ArrayList<>(this.properties.get());
		all.add("server.port=0");
		return new SpringApplicationBuilder(this.application).web(stack.type())
			.properties(all.toArray(String[]::new))
			.initializers((context) -> register(context, stack.serverFactory()))
			.run();
	}

	@SuppressWarnings("unchecked")
	private static <T> void register(ConfigurableApplicationContext context, T serverFactory) {
		((GenericApplicationContext) context).registerBean("webServerFactory", (Class<T>) serverFactory.getClass(),
				() -> serverFactory);
	}

	@Override
	public synchronized void afterAll(ExtensionContext context) {
		this.running.values().forEach(ConfigurableApplicationContext::close);
		this.running.clear();
	}

	/**
	 * Every stack with every case, for a {@code @MethodSource}.
	 * @param cases the cases
	 * @return the arguments: a stack, then a case
	 */
	public static Stream<Arguments> eachStackWith(Object... cases) {
		return Stream.of(WebStack.values()).flatMap((stack) -> Stream.of(cases).map((c) -> Arguments.of(stack, c)));
	}

}
