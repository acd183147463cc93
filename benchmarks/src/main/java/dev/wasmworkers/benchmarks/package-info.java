/**
 * JMH benchmarks of worker invocations; run by hand, never by the build's tests.
 */
@NullMarked
package dev.wasmworkers.benchmarks;

import org.jspecify.annotations.NullMarked;
