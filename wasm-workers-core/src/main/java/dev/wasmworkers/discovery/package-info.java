/**
 * Finds the workers of a wws project folder, maps them to routes and picks the route for
 * a request.
 */
@org.jspecify.annotations.NullMarked
package dev.wasmworkers.discovery;
