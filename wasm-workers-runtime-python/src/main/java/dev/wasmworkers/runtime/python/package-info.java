/**
 * The Python runtime: {@code .py} files are wws Python workers, each loaded once into a
 * snapshot of CPython and answered by a fresh instance per request (see docs/python.md).
 */
@NullMarked
package dev.wasmworkers.runtime.python;

import org.jspecify.annotations.NullMarked;
