package dev.wasmworkers.autoconfigure;

import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.function.Function;

import com.sun.management.HotSpotDiagnosticMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns, once at start-up, when the JVM leaves large methods to the interpreter: a
 * WebAssembly function becomes one JVM method, and with {@code DontCompileHugeMethods} on
 * (the HotSpot default) those over 8000 bytes of bytecode are never compiled.
 */
final class JvmFlags {

	static final String FLAG = "DontCompileHugeMethods";

	private static final Logger logger = LoggerFactory.getLogger(JvmFlags.class);

	private JvmFlags() {
	}

	static void warnIfHugeMethodsAreNotCompiled() {
		warning(JvmFlags::hotSpotOption).ifPresent(logger::warn);
	}

	/**
	 * The warning to log, given how to read a VM option.
	 * @param vmOption reads the value of a VM option, empty on a JVM without it
	 * @return the warning when the flag is on, empty when it is off or unknown
	 */
	static Optional<String> warning(Function<String, Optional<String>> vmOption) {
		return vmOption.apply(FLAG)
			.filter(Boolean::parseBoolean)
			.map((on) -> "This JVM runs with -XX:+" + FLAG + " (the HotSpot default): the large methods that "
					+ "WebAssembly functions become are never JIT-compiled, and workers run about 2x slower. "
					+ "Start the JVM with -XX:-" + FLAG + " (for example in spring-boot-maven-plugin's "
					+ "jvmArguments, or JAVA_TOOL_OPTIONS), and with -XX:-UseOnStackReplacement too if it serves "
					+ "JavaScript or Python workers, whose interpreter loops it then compiles within seconds.");
	}

	static Optional<String> hotSpotOption(String name) {
		try {
			HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			return (bean != null) ? Optional.of(bean.getVMOption(name).getValue()) : Optional.empty();
		}
		catch (IllegalArgumentException | LinkageError ex) {
			return Optional.empty();
		}
	}

}
