/**
 * The sample application on Spring MVC.
 */
@NullMarked
package dev.wasmworkers.sample.webmvc;

import org.jspecify.annotations.NullMarked;
