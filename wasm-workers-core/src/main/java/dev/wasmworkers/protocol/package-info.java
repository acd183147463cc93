/**
 * The wws worker protocol: the request JSON a worker reads on stdin and the response JSON
 * it writes on stdout.
 */
@NullMarked
package dev.wasmworkers.protocol;

import org.jspecify.annotations.NullMarked;
