/**
 * Routing of HTTP requests to workers and to the files of the project's public folder:
 * one router function per web stack (WebFlux, Spring MVC) over stack-neutral routing.
 */
@NullMarked
package dev.wasmworkers.web;

import org.jspecify.annotations.NullMarked;
