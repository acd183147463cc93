/**
 * Auto-configuration that serves a folder of wws workers from a Spring WebFlux or Spring
 * MVC application.
 */
@NullMarked
package dev.wasmworkers.autoconfigure;

import org.jspecify.annotations.NullMarked;
