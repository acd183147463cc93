package dev.wasmworkers.benchmarks.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where and when a run happened: date, JDK, machine.
 *
 * @param date the start of the run, UTC
 * @param jdk the JDK running both the load generator and the server (the server is
 * started with this JVM's {@code java})
 * @param cores the available processors
 * @param cpu the CPU model, or {@code unknown}
 * @param os the operating system, version and architecture
 * @param clientJvmArgs the load generator's own JVM arguments
 */
record RunEnvironment(Instant date, String jdk, int cores, String cpu, String os, List<String> clientJvmArgs) {

	static RunEnvironment capture() {
		String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.runtime.version");
		String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch");
		return new RunEnvironment(Instant.now().truncatedTo(ChronoUnit.SECONDS), jdk,
				Runtime.getRuntime().availableProcessors(), cpuModel(), os,
				ManagementFactory.getRuntimeMXBean().getInputArguments());
	}

	/** The system load average over the last minute, or -1 where the OS does not tell. */
	static double loadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("date", this.date.toString());
		json.put("jdk", this.jdk);
		json.put("cores", this.cores);
		json.put("cpu", this.cpu);
		json.put("os", this.os);
		json.put("clientJvmArgs", this.clientJvmArgs);
		return json;
	}

	private static String cpuModel() {
		try {
			return Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

}
