/**
 * The configuration file beside each worker (wws §4): its model and the reader that loads
 * it.
 */
@NullMarked
package dev.wasmworkers.config;

import org.jspecify.annotations.NullMarked;
