package dev.wasmworkers.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Run in a JVM of its own by {@link CompilerWarmUpTests}: prints whether Chicory's
 * compiler had warmed up after an engine was created, after it compiled a module (or read
 * it from the compile cache in the folder given as argument), and after the module ran,
 * and what the run wrote.
 */
public final class CompilerWarmUpProbe {

	private CompilerWarmUpProbe() {
	}

	public static void main(String[] args) throws Exception {
		WasmEngine engine = new WasmEngine(CompileCache.in(Path.of(args[0])));
		System.out.println("created: " + CompilerWarmUp.hasRun());
		WasmProgram program = engine.compile("ok", Wat.command("""
				(memory 1)
				(data (i32.const 16) "ok")
				(func (export "_start") (call $write (i32.const 1) (i32.const 16) (i32.const 2)))
				"""));
		System.out.println("loaded: " + CompilerWarmUp.hasRun());
		RunResult result = program.run(new RunRequest(new byte[0], Map.of(), List.of(), 1 << 16, 1000, 16, List.of()));
		System.out.println("ran: " + CompilerWarmUp.hasRun());
		System.out.println("wrote: " + new String(result.stdout(), StandardCharsets.UTF_8));
	}

}
