/**
 * Our implementation of WASI preview 1 ({@code wasi_snapshot_preview1}), written from the
 * witx specification: host functions created once and bound to the context of each run.
 */
@NullMarked
package dev.wasmworkers.engine.wasi;

import org.jspecify.annotations.NullMarked;
