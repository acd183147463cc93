package dev.wasmworkers.discovery;

import java.nio.file.Path;

/**
 * A worker file found in the project folder.
 *
 * @param file the absolute path of the file, as found under the project root (a symbolic
 * link is not resolved)
 * @param relativePath the path from the project root, with {@code /} separators, such as
 * {@code sub/[id].wasm}
 * @param extension the file extension without the dot, such as {@code wasm}
 * @param route the route the worker serves
 */
public record WorkerSource(Path file, String relativePath, String extension, WorkerRoute route) {
}
