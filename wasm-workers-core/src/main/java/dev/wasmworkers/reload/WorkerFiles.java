package dev.wasmworkers.reload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.wasmworkers.config.WorkerConfigReader;
import dev.wasmworkers.discovery.WorkerSource;

/**
 * What a worker was loaded from: the SHA-256 of its file and of its TOML file, so that a
 * reload compiles it again only when either changed.
 * <p>
 * Contents are compared rather than sizes and modification times, so that a change is
 * never missed because it kept the size within the file system's time resolution.
 *
 * @param worker the digest of the worker file
 * @param config the digest of its TOML file, or {@code absent}
 */
record WorkerFiles(String worker, String config) {

	private static final String ABSENT = "absent";

	/**
	 * Reads the files of a worker now.
	 * @param source the worker
	 * @return what they hold
	 */
	static WorkerFiles of(WorkerSource source) {
		return new WorkerFiles(digest(source.file()), digest(WorkerConfigReader.configFileOf(source.file())));
	}

	private static String digest(Path file) {
		try (InputStream in = Files.newInputStream(file)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchFileException ex) {
			return ABSENT;
		}
		catch (IOException ex) {
			return "unreadable: " + ex;
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

}
