/**
 * Worker key/value namespaces: the store SPI, the change a run makes, limits, and the
 * in-memory store.
 */
@NullMarked
package dev.wasmworkers.kv;

import org.jspecify.annotations.NullMarked;
