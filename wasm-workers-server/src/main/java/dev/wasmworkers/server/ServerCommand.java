package dev.wasmworkers.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What wws 1.7's command line asks for: serve a project folder, with the Spring
 * properties its options stand for, or print the help or the version.
 *
 * <p>
 * Arguments of the form {@code --name=value} whose name contains a dot (and Spring Boot's
 * {@code --debug} and {@code --trace}) are not wws options: they go to Spring unchanged,
 * so every Spring Boot and {@code wasm.workers.*} property can be given too, and wins
 * over the wws option that sets the same property.
 */
final class ServerCommand {

	/** What the command line asks for. */
	enum Action {

		/** Serve the project folder. */
		SERVE,

		/** Print the help. */
		HELP,

		/** Print the version. */
		VERSION

	}

	private static final String PATH_PROPERTY = "wasm.workers.path";

	private final Action action;

	private final Map<String, Object> properties;

	private final List<String> springArguments;

	private ServerCommand(Action action, Map<String, Object> properties, List<String> springArguments) {
		this.action = action;
		this.properties = properties;
		this.springArguments = springArguments;
	}

	/**
	 * Reads a command line.
	 * @param arguments the arguments, as given to {@code main}
	 * @return the command
	 * @throws CommandLineException when an argument is unknown, misses its value or has
	 * an invalid one, or asks for something this server does not do
	 */
	static ServerCommand parse(String... arguments) throws CommandLineException {
		Builder command = new Builder();
		boolean optionsEnded = false;
		for (int i = 0; i < arguments.length; i++) {
			String argument = arguments[i];
			if (optionsEnded || !argument.startsWith("-") || argument.equals("-")) {
				command.positional(argument);
			}
			else if (argument.equals("--")) {
				optionsEnded = true;
			}
			else if (isSpringArgument(argument)) {
				command.springArguments.add(argument);
			}
			else {
				i = option(command, arguments, i);
			}
		}
		return command.build();
	}

	/** Reads the option at {@code index}; returns the index of its last argument. */
	private static int option(Builder command, String[] arguments, int index) throws CommandLineException {
		String argument = arguments[index];
		String name = argument;
		String value = null;
		if (argument.startsWith("--") && argument.indexOf('=') > 0) {
			name = argument.substring(0, argument.indexOf('='));
			value = argument.substring(argument.indexOf('=') + 1);
		}
		else if (!argument.startsWith("--") && argument.length() > 2) {
			name = argument.substring(0, 2);
			value = argument.substring(argument.charAt(2) == '=' ? 3 : 2);
		}
		WwsOption option = WwsOption.named(name)
			.orElseThrow(() -> new CommandLineException("unexpected argument '" + argument + "' (see --help)"));
		int last = index;
		if (option.takesValue() && value == null) {
			if (index + 1 >= arguments.length) {
				throw new CommandLineException("a value is required for '" + option.usage() + "' but none was given");
			}
			value = arguments[++last];
		}
		else if (!option.takesValue() && value != null) {
			throw new CommandLineException("'" + option.usage() + "' takes no value, but was given '" + value + "'");
		}
		option.apply(command, value);
		if (command.refusal != null) {
			throw new CommandLineException(command.refusal);
		}
		return last;
	}

	private static boolean isSpringArgument(String argument) {
		if (!argument.startsWith("--")) {
			return false;
		}
		int end = argument.indexOf('=');
		String name = argument.substring(2, (end > 0) ? end : argument.length());
		return name.equals("debug") || name.equals("trace") || name.indexOf('.') > 0;
	}

	/** What the command line asks for. */
	Action action() {
		return this.action;
	}

	/**
	 * The project folder to serve: {@code PATH}, or the last {@code --wasm.workers.path=}
	 * Spring argument.
	 */
	String path() {
		return springPath().orElse((String) this.properties.get(PATH_PROPERTY));
	}

	/**
	 * Whether the project folder is wws's {@code PATH}, a folder that must exist, rather
	 * than a {@code --wasm.workers.path=} Spring argument, which the starter resolves and
	 * checks ({@code classpath:} locations too).
	 */
	boolean pathIsAFolder() {
		return springPath().isEmpty();
	}

	private Optional<String> springPath() {
		String prefix = "--" + PATH_PROPERTY + "=";
		String path = null;
		for (String argument : this.springArguments) {
			if (argument.startsWith(prefix)) {
				path = argument.substring(prefix.length());
			}
		}
		return Optional.ofNullable(path);
	}

	/** The Spring properties the wws options stand for, defaults included. */
	Map<String, Object> properties() {
		return this.properties;
	}

	/** The arguments for Spring, in their order. */
	String[] springArguments() {
		return this.springArguments.toArray(String[]::new);
	}

	/** Collects what the options and arguments say; {@link WwsOption} calls it. */
	static final class Builder {

		private Action action = Action.SERVE;

		private String path;

		private String host = "127.0.0.1";

		private String port = "8080";

		private String prefix;

		private boolean enablePanel;

		private boolean watch;

		private String refusal;

		private final List<String> ignore = new ArrayList<>();

		private final List<String> cors = new ArrayList<>();

		private final List<String> springArguments = new ArrayList<>();

		void host(String host) {
			this.host = host;
		}

		void port(String port) {
			try {
				int number = Integer.parseInt(port);
				if (number < 0 || number > 65535) {
					throw new NumberFormatException();
				}
				this.port = String.valueOf(number);
			}
			catch (NumberFormatException ex) {
				this.refusal = "invalid value '" + port + "' for '" + WwsOption.PORT.usage()
						+ "': a port is a number from 0 (any free port) to 65535";
			}
		}

		void prefix(String prefix) {
			this.prefix = prefix;
		}

		void ignore(String pattern) {
			this.ignore.add(pattern);
		}

		void cors(String origin) {
			this.cors.add(origin);
		}

		void enablePanel() {
			this.enablePanel = true;
		}

		void watch() {
			this.watch = true;
		}

		void help() {
			this.action = Action.HELP;
		}

		void version() {
			this.action = Action.VERSION;
		}

		/** Refuses the command line with this one-line reason. */
		void refuse(String reason) {
			this.refusal = reason;
		}

		private void positional(String argument) throws CommandLineException {
			if (argument.equals("runtimes")) {
				throw new CommandLineException("the runtimes subcommand is not supported: " + WwsOption.NO_RUNTIMES);
			}
			if (this.path != null) {
				throw new CommandLineException("unexpected argument '" + argument + "': PATH is already given as '"
						+ this.path + "' (see --help)");
			}
			if (argument.equals("help")) {
				this.action = Action.HELP;
				return;
			}
			if ((argument.startsWith("http://") || argument.startsWith("https://")) && argument.endsWith(".git")) {
				throw new CommandLineException("a git repository as PATH is not supported: " + WwsOption.GIT_PROJECTS);
			}
			this.path = argument;
		}

		private ServerCommand build() {
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put(PATH_PROPERTY, Optional.ofNullable(this.path).orElse("."));
			properties.put("server.address", this.host);
			properties.put("server.port", this.port);
			if (this.prefix != null) {
				properties.put("wasm.workers.prefix", this.prefix);
			}
			for (int i = 0; i < this.ignore.size(); i++) {
				properties.put("wasm.workers.ignore[" + i + "]", this.ignore.get(i));
			}
			for (int i = 0; i < this.cors.size(); i++) {
				properties.put("wasm.workers.cors.allowed-origins[" + i + "]", this.cors.get(i));
			}
			if (this.enablePanel) {
				properties.put("wasm.workers.management-api.enabled", "true");
			}
			if (this.watch) {
				properties.put("wasm.workers.watch", "true");
			}
			return new ServerCommand(this.action, Collections.unmodifiableMap(properties),
					List.copyOf(this.springArguments));
		}

	}

}
