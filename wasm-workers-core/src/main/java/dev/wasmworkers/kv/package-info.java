/**
 * Worker key/value namespaces: the store SPI, snapshots and their versions, the change a
 * run makes, what happens on a conflict, limits, and the in-memory store.
 */
@NullMarked
package dev.wasmworkers.kv;

import org.jspecify.annotations.NullMarked;
