package dev.wasmworkers.worker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identifier wws gives a worker in its management API: the SHA-256 of the project
 * folder joined with the worker's file path, in lower-case hex (wws §9).
 */
public final class WorkerId {

	private WorkerId() {
	}

	/**
	 * The identifier of a worker of a project.
	 * @param root the project folder, as the catalog holds it (absolute and normalised)
	 * @param worker the worker
	 * @return 64 lower-case hex digits
	 */
	public static String of(Path root, Worker worker) {
		return sha256(root.resolve(worker.name()).toString());
	}

	static String sha256(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
