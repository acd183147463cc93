/**
 * A {@link java.nio.file.FileSystem} confined to one host folder: no path, {@code ..} or
 * symbolic link leads out of it. Plain {@code java.nio}, free of Chicory.
 */
@NullMarked
package dev.wasmworkers.engine.fs;

import org.jspecify.annotations.NullMarked;
