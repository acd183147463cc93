package dev.wasmworkers.engine;

import com.dylibso.chicory.wabt.Wat2Wasm;

/** Builds test modules from WebAssembly text. */
final class Wat {

	/** The WASI imports the tests use. */
	private static final String IMPORTS = """
			(import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
			(import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
			(import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
			""";

	/**
	 * Two helpers: {@code $write(fd, ptr, len)} and {@code $print(n)}, which writes n in
	 * decimal to stdout. They use memory bytes 0 to 63, so test data goes from 1024 on.
	 */
	private static final String HELPERS = """
			(func $write (param $fd i32) (param $ptr i32) (param $len i32)
			  (i32.store (i32.const 0) (local.get $ptr))
			  (i32.store (i32.const 4) (local.get $len))
			  (drop (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8))))
			(func $print (param $n i32) (local $p i32)
			  (local.set $p (i32.const 48))
			  (loop $digits
			    (local.set $p (i32.sub (local.get $p) (i32.const 1)))
			    (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $n) (i32.const 10))))
			    (local.set $n (i32.div_u (local.get $n) (i32.const 10)))
			    (br_if $digits (local.get $n)))
			  (call $write (i32.const 1) (local.get $p) (i32.sub (i32.const 48) (local.get $p))))
			""";

	private Wat() {
	}

	/** A module with the WASI imports and helpers, followed by the given fields. */
	static byte[] command(String fields) {
		return command("", fields);
	}

	/**
	 * A module with the WASI imports, the given further imports, the helpers, and the
	 * given fields.
	 */
	static byte[] command(String imports, String fields) {
		return module(IMPORTS + imports + HELPERS + fields);
	}

	/** A module with exactly the given fields. */
	static byte[] module(String fields) {
		return Wat2Wasm.parse("(module\n" + fields + "\n)");
	}

}
