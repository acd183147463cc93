package dev.wasmworkers.discovery;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Maps the path of a worker file, relative to the project root, to its wws route path.
 */
final class FileRoutes {

	private FileRoutes() {
	}

	/**
	 * Drops the extension and every folder or file named exactly {@code index}, then
	 * prepends the prefix: {@code a/index/b.wasm} gives {@code /a/b}, and a root
	 * {@code index.wasm} gives {@code /}, or the prefix itself, such as {@code /app},
	 * when there is one (wws would give {@code /app/}, which no request matches).
	 */
	static String routePath(String relativePath, String extension, String prefix) {
		String withoutExtension = relativePath.substring(0, relativePath.length() - extension.length() - 1);
		String path = Arrays.stream(withoutExtension.split("/"))
			.filter(component -> !component.equals("index"))
			.map(component -> "/" + component)
			.collect(Collectors.joining());
		if (path.isEmpty()) {
			return prefix.isEmpty() ? "/" : prefix;
		}
		return prefix + path;
	}

}
