package dev.wasmworkers.kv;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8Tests {

	@ParameterizedTest
	@ValueSource(strings = { "", "ascii", "é", "ключ", "€", "߿", "ࠀ", "\uffff", "😀", "a😀b", "\ud83d", "\ude00",
			"\ude00\ud83d", "x\ud83d", "\ud83dx" })
	void lengthIsTheLengthOfTheEncodedBytes(String text) {
		assertThat(Utf8.length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
	}

}
