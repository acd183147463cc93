/**
 * Compiles and runs WebAssembly worker modules on Chicory; the only package that uses
 * Chicory types.
 */
@NullMarked
package dev.wasmworkers.engine;

import org.jspecify.annotations.NullMarked;
