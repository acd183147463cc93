/**
 * Loaded workers: the catalog of a project folder and the invocation of one worker for
 * one request.
 */
@NullMarked
package dev.wasmworkers.worker;

import org.jspecify.annotations.NullMarked;
