package dev.wasmworkers.engine;

/**
 * Run in a JVM of its own by {@link CompilerWarmUpTests}: prints whether Chicory's
 * compiler had warmed up after an engine was created, then after it compiled a module.
 */
public final class CompilerWarmUpProbe {

	private CompilerWarmUpProbe() {
	}

	public static void main(String[] args) throws WorkerLoadException {
		WasmEngine engine = new WasmEngine();
		System.out.println("created: " + CompilerWarmUp.hasRun());
		engine.compile("minimal", Wat.command("(memory 1) (func (export \"_start\"))"));
		System.out.println("compiled: " + CompilerWarmUp.hasRun());
	}

}
