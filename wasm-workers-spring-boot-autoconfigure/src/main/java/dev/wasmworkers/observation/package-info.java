/**
 * Micrometer observations and metrics of worker invocations: one observation per
 * invocation, its convention, and the gauges of the executor and the catalog.
 */
@NullMarked
package dev.wasmworkers.observation;

import org.jspecify.annotations.NullMarked;
