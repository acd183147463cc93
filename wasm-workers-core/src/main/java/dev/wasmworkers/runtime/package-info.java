/**
 * Language runtimes: how a worker file of each kind becomes a program the engine runs
 * ({@code .wasm} modules as they are, {@code .js} files on the QuickJS engine with the
 * worker API, and the runtimes of optional modules, such as Python's, found with a
 * {@link java.util.ServiceLoader}).
 */
@NullMarked
package dev.wasmworkers.runtime;

import org.jspecify.annotations.NullMarked;
