package dev.wasmworkers.engine.python;

import dev.wasmworkers.engine.wasi.WasiContext;

/**
 * What the host functions of one instance of the runtime act on: its WASI context and the
 * exception its guest reports.
 *
 * @param wasi the instance's WASI context
 * @param error records the exception the guest reports
 */
record PythonRun(WasiContext wasi, GuestError error) {

}
