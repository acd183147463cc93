/**
 * Images of WebAssembly linear memories and memories that start from them, copying a 64
 * KiB page only when it is first written.
 *
 * <p>
 * These are engine internals for the language runtime modules (the JavaScript engine, the
 * optional Python runtime), not user API: they take and give Chicory types and change
 * with the engine.
 */
@NullMarked
package dev.wasmworkers.engine.memory;

import org.jspecify.annotations.NullMarked;
