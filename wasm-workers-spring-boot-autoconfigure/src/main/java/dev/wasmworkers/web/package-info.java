/**
 * WebFlux routing of HTTP requests to workers and to the files of the project's public
 * folder.
 */
@NullMarked
package dev.wasmworkers.web;

import org.jspecify.annotations.NullMarked;
