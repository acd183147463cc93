package dev.wasmworkers.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Runs the server again in a JVM started with {@code -XX:-DontCompileHugeMethods} when
 * the running one lacks it, so that {@code java -jar} is fast by default: Wasm functions
 * become large JVM methods, and without the flag HotSpot never compiles them. Unless the
 * command line sets on-stack replacement either way, the relaunched JVM also runs without
 * it ({@value #OSR_FLAG}), so that C2 compiles the JavaScript and Python interpreter
 * loops within seconds.
 *
 * <p>
 * The first JVM starts the second one with the same command line plus the flags,
 * inheriting its standard streams, waits for it and exits with its exit code; stopping
 * the first one stops the second. Nothing is relaunched when the huge-methods flag was
 * given either way, when the JVM is not HotSpot, or when the command line cannot be read.
 */
final class HugeMethodsRelaunch {

	/** The JVM flag the server needs. */
	static final String FLAG = "-XX:-DontCompileHugeMethods";

	/**
	 * Set in the environment of the relaunched JVM, so that it is relaunched only once.
	 */
	static final String RELAUNCHED = "WASM_WORKERS_SERVER_RELAUNCHED";

	/** The flag that lets C2 compile long-looping interpreter methods sooner. */
	static final String OSR_FLAG = "-XX:-UseOnStackReplacement";

	private static final String OPTION = "DontCompileHugeMethods";

	private static final String OSR_OPTION = "UseOnStackReplacement";

	private static final long STOP_TIMEOUT_SECONDS = 30;

	private HugeMethodsRelaunch() {
	}

	/**
	 * The command that runs this JVM's command line again with the flag, when this JVM
	 * needs it and the command line can be read.
	 */
	static Optional<List<String>> command() {
		List<String> jvmArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
		if (System.getenv(RELAUNCHED) != null || !hugeMethodsAreNotCompiled() || mentions(jvmArguments, OPTION)) {
			return Optional.empty();
		}
		ProcessHandle.Info info = ProcessHandle.current().info();
		if (info.command().isEmpty() || info.arguments().isEmpty()) {
			return Optional.empty();
		}
		List<String> command = new ArrayList<>();
		command.add(info.command().get());
		command.add(FLAG);
		if (!mentions(jvmArguments, OSR_OPTION)) {
			command.add(OSR_FLAG);
		}
		command.addAll(List.of(info.arguments().get()));
		return Optional.of(command);
	}

	private static boolean mentions(List<String> jvmArguments, String option) {
		return jvmArguments.stream().anyMatch((argument) -> argument.contains(option));
	}

	/**
	 * Runs the command with this JVM's standard streams and waits for it; stopping this
	 * JVM (SIGTERM, Ctrl-C) stops it too.
	 * @return its exit code
	 */
	static int run(List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
		builder.environment().put(RELAUNCHED, "true");
		Process server = builder.start();
		Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server), "wasm-workers-server-relaunch"));
		return server.waitFor();
	}

	/**
	 * In a relaunched JVM: exits when the JVM that started it is gone, even killed, so
	 * that no server is left behind.
	 */
	static void exitWithLauncher() {
		if (System.getenv(RELAUNCHED) != null) {
			ProcessHandle.current().parent().ifPresent((launcher) -> launcher.onExit().thenRun(() -> System.exit(1)));
		}
	}

	private static boolean hugeMethodsAreNotCompiled() {
		try {
			HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			return hotSpot != null && Boolean.parseBoolean(hotSpot.getVMOption(OPTION).getValue());
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static void stop(Process server) {
		if (!server.isAlive()) {
			return;
		}
		server.destroy();
		try {
			if (!server.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				server.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			server.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
