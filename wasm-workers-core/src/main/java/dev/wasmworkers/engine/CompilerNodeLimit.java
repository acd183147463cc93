package dev.wasmworkers.engine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises HotSpot's C2 node limit for the classes of one pre-compiled WebAssembly machine
 * (a runtime such as QuickJS or CPython compiled to JVM bytecode), with a compiler
 * directive added while the JVM runs.
 *
 * <p>
 * An interpreter loop compiled from WebAssembly is one JVM method of tens of kilobytes of
 * bytecode. C1 gives up on it ("out of virtual registers") and C2 often does too ("out of
 * nodes"), which leaves the method in HotSpot's bytecode interpreter for the life of the
 * JVM: a JavaScript hello worker then takes about 1 ms a run instead of about 0.27 ms.
 * The directive ({@code Compiler.directives_add}, through the {@code DiagnosticCommand}
 * MBean) lets C2 use {@value #NODE_LIMIT} nodes for those classes only, three times its
 * default of 80000; it is the same as starting the JVM with
 * {@code -XX:MaxNodeLimit=240000 -XX:NodeLimitFudgeFactor=8000}, without changing how any
 * other code is compiled. On a JVM without that MBean (not HotSpot) nothing changes, and
 * that is logged once.
 */
public final class CompilerNodeLimit {

	/**
	 * The node limit given to C2 for the machine's classes, unless the JVM was started
	 * with a higher {@code MaxNodeLimit}.
	 */
	static final long NODE_LIMIT = 240_000;

	private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

	private static final Logger logger = LoggerFactory.getLogger(CompilerNodeLimit.class);

	/** For each pattern tried, whether its directive was added. */
	private static final Map<String, Boolean> attempts = new HashMap<>();

	private CompilerNodeLimit() {
	}

	/**
	 * Raises the node limit, once per JVM, for the classes whose names start with the
	 * name of {@code machine} in its package (its function groups and dispatchers); a JVM
	 * that refused it is not asked again.
	 * @param machine the machine class of the pre-compiled module
	 * @return whether the directive is in place (it was already, or has just been added)
	 */
	public static synchronized boolean raiseFor(Class<?> machine) {
		return attempts.computeIfAbsent(pattern(machine), CompilerNodeLimit::addDirectiveFor);
	}

	private static boolean addDirectiveFor(String pattern) {
		try {
			long limit = nodeLimit(globalNodeLimit());
			addDirective("[{match: \"" + pattern + "\", c2: {MaxNodeLimit: " + limit + "}}]");
			logger.debug("Raised C2's node limit to {} for {}", limit, pattern);
			return true;
		}
		catch (JMException | IOException | RuntimeException ex) {
			logger.info(
					"Could not raise C2's node limit for {} ({}): its interpreter loop may stay uncompiled; "
							+ "start the JVM with -XX:MaxNodeLimit={} -XX:NodeLimitFudgeFactor=8000 if it runs slowly",
					pattern, ex.getMessage(), NODE_LIMIT);
			return false;
		}
	}

	/**
	 * The node limit of the directive: {@value #NODE_LIMIT}, or the JVM's own
	 * {@code MaxNodeLimit} when that is higher, so that the directive never lowers it.
	 * @param globalLimit the JVM's {@code MaxNodeLimit}
	 * @return the limit for the machine's classes
	 */
	static long nodeLimit(long globalLimit) {
		return Math.max(NODE_LIMIT, globalLimit);
	}

	private static long globalNodeLimit() {
		HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		return Long.parseLong(hotSpot.getVMOption("MaxNodeLimit").getValue());
	}

	/**
	 * The directives HotSpot applies, as {@code Compiler.directives_print} prints them.
	 * @return the printed directive stack
	 * @throws JMException when the JVM has no such command
	 */
	static String printDirectives() throws JMException {
		return (String) diagnosticCommand("compilerDirectivesPrint", new String[0]);
	}

	/**
	 * The method pattern of a directive matching every method of the machine's classes.
	 */
	static String pattern(Class<?> machine) {
		return machine.getName().replace('.', '/') + "*.*";
	}

	private static void addDirective(String json) throws JMException, IOException {
		Path file = Files.createTempFile("wasm-workers-directive", ".json");
		try {
			Files.writeString(file, json, StandardCharsets.UTF_8);
			String answer = String
				.valueOf(diagnosticCommand("compilerDirectivesAdd", new String[] { file.toString() }));
			if (!answer.contains("1 compiler directives added")) {
				throw new IllegalStateException(answer.strip());
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static Object diagnosticCommand(String operation, String[] arguments) throws JMException {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		return server.invoke(new ObjectName(DIAGNOSTIC_COMMAND), operation, new Object[] { arguments },
				new String[] { String[].class.getName() });
	}

}
