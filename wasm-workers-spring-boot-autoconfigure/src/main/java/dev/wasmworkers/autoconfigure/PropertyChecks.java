package dev.wasmworkers.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.unit.DataSize;

/**
 * Checks property values at start-up and fails with a message naming the property.
 */
final class PropertyChecks {

	private PropertyChecks() {
	}

	static void atLeast(String name, long value, long minimum) {
		atLeast(name, value, minimum, "must be at least " + minimum);
	}

	static void atLeast(String name, long value, long minimum, String reason) {
		if (value < minimum) {
			throw new InvalidConfigurationPropertyValueException(name, value, reason);
		}
	}

	static void positive(String name, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "must be a positive duration");
		}
	}

	static int intBytes(String name, DataSize value) {
		if (value.toBytes() < 0 || value.toBytes() > Integer.MAX_VALUE) {
			throw new InvalidConfigurationPropertyValueException(name, value, "must be from 0B to 2GB");
		}
		return (int) value.toBytes();
	}

}
