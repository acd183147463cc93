package dev.wasmworkers.engine;

import java.io.ByteArrayOutputStream;

/**
 * A core module's bytes with the body of every function replaced by a stub that only
 * traps ({@code unreachable}), all other sections kept as they are: the module whose
 * compiled classes the {@link CompileCache} already holds, to be parsed and validated in
 * a fraction of the time of the whole module. Its bodies are never run, since each
 * function runs as the cached classes compiled it.
 */
final class CodeStubs {

	private static final int CODE_SECTION = 10;

	/**
	 * A body: no locals, {@code unreachable}, {@code end}; valid for any function type.
	 */
	private static final byte[] STUB = { 0x03, 0x00, 0x00, 0x0b };

	private CodeStubs() {
	}

	/**
	 * Replaces every function body of a core module with the stub.
	 * @param module the module's bytes
	 * @return the module with stub bodies
	 * @throws IllegalArgumentException when the bytes are not framed as a module's
	 * sections
	 */
	static byte[] of(byte[] module) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(module.length);
		out.write(module, 0, BinarySections.PREAMBLE_LENGTH);
		for (BinarySections.Section section : BinarySections.of(module)) {
			if (section.id() != CODE_SECTION) {
				out.write(module, section.start(), section.end() - section.start());
				continue;
			}
			long functions = Leb128.read(module, section.contentStart(), "the code section's count").value();
			if (functions > section.size()) {
				throw new IllegalArgumentException(
						"the code section declares " + functions + " functions in " + section.size() + " bytes");
			}
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			Leb128.write(content, (int) functions);
			for (int i = 0; i < functions; i++) {
				content.write(STUB, 0, STUB.length);
			}
			out.write(CODE_SECTION);
			Leb128.write(out, content.size());
			out.writeBytes(content.toByteArray());
		}
		return out.toByteArray();
	}

}
