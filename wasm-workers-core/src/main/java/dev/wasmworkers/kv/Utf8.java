package dev.wasmworkers.kv;

/**
 * Measures strings in UTF-8 without encoding them.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * The number of bytes {@code text.getBytes(UTF_8)} would return, where an unpaired
	 * surrogate becomes a one-byte {@code '?'}.
	 * @param text the string to measure
	 * @return its length in UTF-8 bytes
	 */
	static long length(String text) {
		long bytes = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				bytes += 1;
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				bytes += 1;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

}
