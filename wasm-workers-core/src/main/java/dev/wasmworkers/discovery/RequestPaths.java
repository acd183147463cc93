package dev.wasmworkers.discovery;

/**
 * Normalises request paths as wws does before routing: merges repeated slashes, trims the
 * trailing slash except for "/".
 */
public final class RequestPaths {

	private RequestPaths() {
	}

	/**
	 * Returns the path with repeated slashes merged and no trailing slash:
	 * {@code "//a///b/"} gives {@code "/a/b"}, and {@code ""} gives {@code "/"}.
	 */
	public static String normalize(String rawPath) {
		StringBuilder path = new StringBuilder(rawPath.length() + 1).append('/');
		for (int i = 0; i < rawPath.length(); i++) {
			char c = rawPath.charAt(i);
			if (c != '/' || path.charAt(path.length() - 1) != '/') {
				path.append(c);
			}
		}
		if (path.length() > 1 && path.charAt(path.length() - 1) == '/') {
			path.setLength(path.length() - 1);
		}
		return path.toString();
	}

}
