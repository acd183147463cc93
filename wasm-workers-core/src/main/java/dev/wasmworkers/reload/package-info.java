/**
 * Hot reload: watching the project folder, and loading it again into the catalog being
 * served, compiling only the workers whose files changed.
 */
@NullMarked
package dev.wasmworkers.reload;

import org.jspecify.annotations.NullMarked;
