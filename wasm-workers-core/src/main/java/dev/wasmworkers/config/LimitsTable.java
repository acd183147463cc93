package dev.wasmworkers.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code [limits]} table: durations such as {@code "5s"} or {@code "500ms"},
 * sizes such as {@code "64MB"} (1024-based, as Spring's {@code DataSize}), and positive
 * integers (concurrency, open files).
 */
final class LimitsTable {

	private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

	private static final Pattern SIZE = Pattern.compile("(\\d+)(B|KB|MB|GB)");

	private LimitsTable() {
	}

	static WorkerLimits of(ConfigTable root) throws WorkerConfigException {
		Optional<ConfigTable> table = root.table("limits");
		if (table.isEmpty()) {
			return WorkerLimits.none();
		}
		ConfigTable limits = table.get();
		return new WorkerLimits(duration(limits, "timeout"), size(limits, "max_memory"), size(limits, "max_stdout"),
				positiveInteger(limits, "max_concurrency"), positiveInteger(limits, "max_open_files"),
				size(limits, "max_disk_write"));
	}

	private static Optional<Duration> duration(ConfigTable limits, String key) throws WorkerConfigException {
		Optional<String> text = limits.string(key);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		Matcher matcher = DURATION.matcher(text.get().trim());
		long amount = (matcher.matches()) ? Long.parseLong(matcher.group(1)) : 0;
		if (amount <= 0) {
			throw limits.problem(key, "must be a positive duration such as \"500ms\", \"5s\" or \"2m\"");
		}
		return Optional.of(switch (matcher.group(2)) {
			case "ms" -> Duration.ofMillis(amount);
			case "s" -> Duration.ofSeconds(amount);
			default -> Duration.ofMinutes(amount);
		});
	}

	private static OptionalLong size(ConfigTable limits, String key) throws WorkerConfigException {
		Optional<String> text = limits.string(key);
		if (text.isEmpty()) {
			return OptionalLong.empty();
		}
		Matcher matcher = SIZE.matcher(text.get().trim().toUpperCase(Locale.ROOT));
		long amount = (matcher.matches()) ? Long.parseLong(matcher.group(1)) : 0;
		if (amount <= 0) {
			throw limits.problem(key, "must be a positive size such as \"512KB\" or \"64MB\"");
		}
		int shift = switch (matcher.group(2)) {
			case "B" -> 0;
			case "KB" -> 10;
			case "MB" -> 20;
			default -> 30;
		};
		return OptionalLong.of(amount << shift);
	}

	private static OptionalInt positiveInteger(ConfigTable limits, String key) throws WorkerConfigException {
		JsonNode value = limits.value(key);
		if (value == null) {
			return OptionalInt.empty();
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1) {
			throw limits.problem(key, "must be a positive integer");
		}
		return OptionalInt.of(value.intValue());
	}

}
