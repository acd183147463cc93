/**
 * HTTP load test: the sample app in a child JVM, misbehaving workers mixed into a steady
 * load, and a report of what every request got.
 */
@NullMarked
package dev.wasmworkers.benchmarks.load;

import org.jspecify.annotations.NullMarked;
