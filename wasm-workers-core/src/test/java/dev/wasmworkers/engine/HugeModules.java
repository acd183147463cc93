package dev.wasmworkers.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes valid WebAssembly modules too large to write as text: one function with millions
 * of instructions, or one {@code br_table} with a million targets. Each module exports
 * {@code _start} and does nothing when run; some import {@code fd_write} first, so that
 * their own function is not function 0.
 */
public final class HugeModules {

	private static final int I32_CONST = 0x41;

	private static final int DROP = 0x1a;

	private static final int END = 0x0b;

	private HugeModules() {
	}

	/**
	 * A module whose {@code _start} is {@code instructions} instructions long (pairs of
	 * {@code i32.const 100000000} and {@code drop}): 3 bytes per instruction, so 5
	 * million instructions make a 15 MB module.
	 * @param instructions the number of instructions, even
	 * @return the module
	 */
	public static byte[] longFunction(int instructions) {
		ByteArrayOutputStream code = new ByteArrayOutputStream(instructions * 3);
		for (int i = 0; i < instructions / 2; i++) {
			code.write(I32_CONST);
			signedLeb(code, 100_000_000);
			code.write(DROP);
		}
		return module(false, code.toByteArray());
	}

	/**
	 * A module whose {@code _start} is one {@code br_table} of {@code targets} targets,
	 * all to the end of the function's only block: about one byte per target.
	 * @param targets the number of targets besides the default
	 * @param importing whether the module imports {@code fd_write} before its function
	 * @return the module
	 */
	public static byte[] wideBrTable(int targets, boolean importing) {
		ByteArrayOutputStream code = new ByteArrayOutputStream(targets + 16);
		code.write(0x02); // block
		code.write(0x40); // with no result
		code.write(I32_CONST);
		code.write(0);
		code.write(0x0e); // br_table
		unsignedLeb(code, targets);
		for (int i = 0; i <= targets; i++) {
			code.write(0); // the block, then the default
		}
		code.write(END);
		return module(importing, code.toByteArray());
	}

	private static byte[] module(boolean importing, byte[] startCode) {
		ByteArrayOutputStream module = new ByteArrayOutputStream(startCode.length + 128);
		module.writeBytes(new byte[] { 0, 'a', 's', 'm', 1, 0, 0, 0 });
		// Types: 0 is () -> (), 1 is fd_write's (i32 i32 i32 i32) -> i32.
		section(module, 1, new byte[] { 2, 0x60, 0, 0, 0x60, 4, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f });
		if (importing) {
			ByteArrayOutputStream imports = new ByteArrayOutputStream();
			imports.write(1);
			name(imports, "wasi_snapshot_preview1");
			name(imports, "fd_write");
			imports.write(0); // a function
			imports.write(1); // of type 1
			section(module, 2, imports.toByteArray());
		}
		section(module, 3, new byte[] { 1, 0 });
		ByteArrayOutputStream exports = new ByteArrayOutputStream();
		exports.write(1);
		name(exports, "_start");
		exports.write(0); // a function
		exports.write(importing ? 1 : 0);
		section(module, 7, exports.toByteArray());
		ByteArrayOutputStream body = new ByteArrayOutputStream(startCode.length + 8);
		body.write(0); // no locals
		body.writeBytes(startCode);
		body.write(END);
		ByteArrayOutputStream code = new ByteArrayOutputStream(body.size() + 8);
		code.write(1);
		unsignedLeb(code, body.size());
		code.writeBytes(body.toByteArray());
		section(module, 10, code.toByteArray());
		return module.toByteArray();
	}

	private static void section(ByteArrayOutputStream module, int id, byte[] content) {
		module.write(id);
		unsignedLeb(module, content.length);
		module.writeBytes(content);
	}

	private static void name(ByteArrayOutputStream out, String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		unsignedLeb(out, bytes.length);
		out.writeBytes(bytes);
	}

	private static void unsignedLeb(ByteArrayOutputStream out, long value) {
		long rest = value;
		do {
			int part = (int) (rest & 0x7f);
			rest >>>= 7;
			out.write((rest != 0) ? (part | 0x80) : part);
		}
		while (rest != 0);
	}

	private static void signedLeb(ByteArrayOutputStream out, long value) {
		long rest = value;
		while (true) {
			int part = (int) (rest & 0x7f);
			rest >>= 7;
			boolean done = (rest == 0 && (part & 0x40) == 0) || (rest == -1 && (part & 0x40) != 0);
			out.write(done ? part : (part | 0x80));
			if (done) {
				return;
			}
		}
	}

}
