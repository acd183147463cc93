/**
 * Actuator support for workers: the {@code wasmworkers} and {@code wasmkv} endpoints and
 * the {@code wasmWorkers} health indicator.
 */
@NullMarked
package dev.wasmworkers.actuate;

import org.jspecify.annotations.NullMarked;
