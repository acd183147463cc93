/**
 * Runs worker invocations on a bounded pool of platform threads, with a queue limit and a
 * deadline per run.
 */
@NullMarked
package dev.wasmworkers.execution;

import org.jspecify.annotations.NullMarked;
