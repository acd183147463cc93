/**
 * Language runtimes: how a worker file of each kind becomes a program the engine runs
 * ({@code .wasm} modules as they are, {@code .js} files on the QuickJS engine with the
 * worker API).
 */
@NullMarked
package dev.wasmworkers.runtime;

import org.jspecify.annotations.NullMarked;
