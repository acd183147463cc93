package dev.wasmworkers.discovery;

import java.util.regex.Pattern;

/**
 * Normalises the wasm.workers.prefix value as wws normalises --prefix ("app/" → "/app",
 * "\app\test\" → "/app/test", "" → "").
 *
 * <p>
 * Beyond wws, repeated slashes are merged and every trailing slash is removed, since
 * requests are normalised the same way and a prefix such as {@code /app//} could never
 * match; characters that would make the prefix a route parameter or a path-template
 * wildcard are refused.
 */
public final class RoutePrefix {

	private static final Pattern REPEATED_SLASHES = Pattern.compile("/{2,}");

	private RoutePrefix() {
	}

	/**
	 * Turns backslashes into slashes, merges repeated slashes, adds a leading slash and
	 * removes a trailing one; an empty prefix, or one made only of slashes, gives
	 * {@code ""}.
	 * @throws IllegalArgumentException when the prefix contains '[', ']', '{', '}', '*'
	 * or '?'
	 */
	public static String normalize(String prefix) {
		if (prefix.chars().anyMatch(c -> "[]{}*?".indexOf(c) >= 0)) {
			throw new IllegalArgumentException(
					"Route prefix '" + prefix + "' must not contain '[', ']', '{', '}', '*' or '?'");
		}
		String path = REPEATED_SLASHES.matcher("/" + prefix.replace('\\', '/')).replaceAll("/");
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
