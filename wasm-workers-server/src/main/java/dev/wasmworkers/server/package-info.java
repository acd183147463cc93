/**
 * The {@code wasm-workers-server} application: a drop-in for the wws command line.
 */
@NullMarked
package dev.wasmworkers.server;

import org.jspecify.annotations.NullMarked;
