/**
 * CPython 3.13 for WASI on Chicory: the runtime's module and its machine classes, the
 * per-worker snapshot, and one fresh instance per request; the only package of this
 * module that uses Chicory types.
 */
@NullMarked
package dev.wasmworkers.engine.python;

import org.jspecify.annotations.NullMarked;
