package dev.wasmworkers.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A drop-in for the wws command: serves a project folder of wws workers, taking wws 1.7's
 * command line ({@code [PATH] --host --port --prefix --ignore --cors
 * --enable-panel}) followed by any Spring Boot property.
 *
 * @author Wasm Workers for Spring Boot
 * @since 0.1.0
 */
@SpringBootApplication(proxyBeanMethods = false)
public final class WasmWorkersServer {

	/** The program's name in its messages. */
	static final String PROGRAM = "wasm-workers-server";

	/** The exit code of a command line that is refused. */
	static final int USAGE_ERROR = 2;

	/** The exit code of a project folder that does not exist. */
	static final int MISSING_PROJECT = 1;

	private WasmWorkersServer() {
	}

	/**
	 * Runs the command line: serves the project folder, or prints the help or the
	 * version, or a one-line reason and exit code 2 for a command line it refuses.
	 * @param arguments wws's arguments, then any {@code --name=value} Spring property
	 */
	public static void main(String[] arguments) throws IOException, InterruptedException {
		ServerCommand command;
		try {
			command = ServerCommand.parse(arguments);
		}
		catch (CommandLineException ex) {
			System.err.println(PROGRAM + ": " + ex.getMessage());
			System.exit(USAGE_ERROR);
			return;
		}
		switch (command.action()) {
			case HELP -> System.out.print(ServerHelp.TEXT);
			case VERSION -> System.out.println(PROGRAM + " " + version());
			case SERVE -> serve(command);
		}
	}

	private static void serve(ServerCommand command) throws IOException, InterruptedException {
		Optional<List<String>> relaunch = HugeMethodsRelaunch.command();
		if (relaunch.isPresent()) {
			System.exit(HugeMethodsRelaunch.run(relaunch.get()));
			return;
		}
		HugeMethodsRelaunch.exitWithLauncher();
		PrintStream out = System.out;
		out.println("⚙️  Preparing the project from: " + command.path());
		if (command.pathIsAFolder() && !Files.exists(Path.of(command.path()))) {
			System.err.println("❌ There was an error preparing the project: Missing path in filesystem");
			System.exit(MISSING_PROJECT);
			return;
		}
		SpringApplication application = new SpringApplication(WasmWorkersServer.class);
		application.addListeners(new CommandLineProperties(command.properties()), new StartupReport(out));
		application.run(command.springArguments());
	}

	/** The version of this build, from {@code META-INF/build-info.properties}. */
	static String version() throws IOException {
		try (InputStream in = WasmWorkersServer.class.getResourceAsStream("/META-INF/build-info.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("build.version", "(unknown version)");
		}
	}

}
