package dev.wasmworkers.config;

import java.nio.file.Path;

/**
 * The folder that workers packaged in an application archive were copied to, which no
 * worker may mount.
 *
 * @param copy the absolute, normalised folder of the copy
 * @param location where the workers are packaged, such as {@code classpath:workers}
 */
record PackagedFolder(Path copy, String location) {
}
