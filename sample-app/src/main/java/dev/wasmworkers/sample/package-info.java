/**
 * The sample application.
 */
@NullMarked
package dev.wasmworkers.sample;

import org.jspecify.annotations.NullMarked;
