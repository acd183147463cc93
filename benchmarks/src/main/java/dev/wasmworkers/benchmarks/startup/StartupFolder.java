package dev.wasmworkers.benchmarks.startup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the workers folder of {@code startup.sh}: copies of the sample app's C hello
 * worker, each made a distinct module by a custom section naming it (so that no two share
 * a compile cache entry, as in a real folder), and copies of its JavaScript hello worker.
 */
public final class StartupFolder {

	/** The custom section that makes each copy a module of its own. */
	static final String SECTION_NAME = "startup-copy";

	private StartupFolder() {
	}

	/**
	 * Writes the folder.
	 * @param args the folder (created, must not hold workers yet), the number of C
	 * workers and the number of JavaScript workers
	 * @throws IOException when a file cannot be read or written
	 */
	public static void main(String[] args) throws IOException {
		if (args.length != 3) {
			System.err.println("Usage: StartupFolder <folder> <C workers> <JavaScript workers>");
			System.exit(2);
		}
		Path folder = Path.of(args[0]);
		int cWorkers = Integer.parseInt(args[1]);
		int jsWorkers = Integer.parseInt(args[2]);
		byte[] hello = Files.readAllBytes(Path.of("sample-app/workers/hello.wasm"));
		String helloJs = Files.readString(Path.of("sample-app/workers/js/hello.js"));
		Files.createDirectories(folder.resolve("c"));
		Files.createDirectories(folder.resolve("js"));
		for (int i = 0; i < cWorkers; i++) {
			String name = "w%03d".formatted(i);
			Files.write(folder.resolve("c").resolve(name + ".wasm"), withCustomSection(hello, name));
		}
		for (int i = 0; i < jsWorkers; i++) {
			Files.writeString(folder.resolve("js").resolve("w%03d.js".formatted(i)), helloJs);
		}
	}

	/** The module with a custom section appended whose content is the given text. */
	static byte[] withCustomSection(byte[] module, String content) {
		ByteArrayOutputStream section = new ByteArrayOutputStream();
		byte[] name = SECTION_NAME.getBytes(StandardCharsets.UTF_8);
		byte[] payload = content.getBytes(StandardCharsets.UTF_8);
		unsignedLeb(section, name.length);
		section.writeBytes(name);
		section.writeBytes(payload);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(module);
		out.write(0);
		unsignedLeb(out, section.size());
		out.writeBytes(section.toByteArray());
		return out.toByteArray();
	}

	private static void unsignedLeb(ByteArrayOutputStream out, int value) {
		int rest = value;
		do {
			int low = rest & 0x7f;
			rest >>>= 7;
			out.write((rest != 0) ? (low | 0x80) : low);
		}
		while (rest != 0);
	}

}
