package dev.wasmworkers.engine;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.wasmworkers.http.OutboundHttp;

/**
 * What one run gets: stdin bytes, environment (only these variables), argv, output caps
 * in bytes, memory cap in 64 KiB pages, the only host folders it sees, the outbound HTTP
 * its {@code http.send-http-request} calls go through, and its caps on open files and on
 * bytes written to files.
 *
 * <p>
 * The environment keeps its iteration order; {@code arguments} is the whole argv, program
 * name first. The {@code stdin} array is not copied and must not change during the run.
 *
 * @param stdin the bytes the module reads from stdin
 * @param environment the only environment variables the module sees
 * @param arguments the module's argv, program name first
 * @param stdoutLimit the most stdout bytes allowed; writing more stops the run
 * @param stderrLimit the most stderr bytes kept; the rest is dropped
 * @param maxMemoryPages the most 64 KiB pages the module's memory may grow to; raised to
 * the module's declared initial size when that is larger
 * @param mounts the only host folders the module sees, each at its own guest path, the
 * first as file descriptor 3
 * @param outboundHttp sends the module's outbound requests under the worker's allow-list
 * @param maxOpenFiles the most files and directories the module may have open at once,
 * besides stdio and its mounts; past it opening fails with {@code EMFILE}
 * @param maxDiskWrite the most bytes the module may write to files in its mounts (file
 * contents, growth and the names of new entries); past it writes fail with {@code EDQUOT}
 */
public record RunRequest(byte[] stdin, Map<String, String> environment, List<String> arguments, int stdoutLimit,
		int stderrLimit, int maxMemoryPages, List<MountedFolder> mounts, OutboundHttp outboundHttp, int maxOpenFiles,
		long maxDiskWrite) {

	/** The cap on open files of a run unless one is given: 64. */
	public static final int DEFAULT_MAX_OPEN_FILES = 64;

	/** The cap on bytes a run writes to files unless one is given: 64 MiB. */
	public static final long DEFAULT_MAX_DISK_WRITE = 64L << 20;

	/** The largest memory a 32-bit WebAssembly module can address, in 64 KiB pages. */
	private static final int MAX_PAGES = 65536;

	/**
	 * Checks the limits and that no two mounts share a guest path, and takes unmodifiable
	 * copies of the environment, arguments and mounts.
	 */
	public RunRequest {
		Objects.requireNonNull(stdin, "stdin");
		environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
		arguments = List.copyOf(arguments);
		requireNonNegative(stdoutLimit, "stdoutLimit");
		requireNonNegative(stderrLimit, "stderrLimit");
		if (maxMemoryPages < 0 || maxMemoryPages > MAX_PAGES) {
			throw new IllegalArgumentException(
					"maxMemoryPages must be between 0 and " + MAX_PAGES + " but was " + maxMemoryPages);
		}
		mounts = List.copyOf(mounts);
		requireDistinctGuestPaths(mounts);
		Objects.requireNonNull(outboundHttp, "outboundHttp");
		requireNonNegative(maxOpenFiles, "maxOpenFiles");
		if (maxDiskWrite < 0) {
			throw new IllegalArgumentException("maxDiskWrite must not be negative but was " + maxDiskWrite);
		}
	}

	/**
	 * Creates a request with the default caps on open files and disk writes.
	 * @param stdin the bytes the module reads from stdin
	 * @param environment the only environment variables the module sees
	 * @param arguments the module's argv, program name first
	 * @param stdoutLimit the most stdout bytes allowed
	 * @param stderrLimit the most stderr bytes kept
	 * @param maxMemoryPages the most 64 KiB pages the module's memory may grow to
	 * @param mounts the only host folders the module sees
	 * @param outboundHttp sends the module's outbound requests under the worker's
	 * allow-list
	 */
	public RunRequest(byte[] stdin, Map<String, String> environment, List<String> arguments, int stdoutLimit,
			int stderrLimit, int maxMemoryPages, List<MountedFolder> mounts, OutboundHttp outboundHttp) {
		this(stdin, environment, arguments, stdoutLimit, stderrLimit, maxMemoryPages, mounts, outboundHttp,
				DEFAULT_MAX_OPEN_FILES, DEFAULT_MAX_DISK_WRITE);
	}

	/**
	 * Creates a request whose module may send no outbound request: every
	 * {@code http.send-http-request} call is refused as not allowed.
	 * @param stdin the bytes the module reads from stdin
	 * @param environment the only environment variables the module sees
	 * @param arguments the module's argv, program name first
	 * @param stdoutLimit the most stdout bytes allowed
	 * @param stderrLimit the most stderr bytes kept
	 * @param maxMemoryPages the most 64 KiB pages the module's memory may grow to
	 * @param mounts the only host folders the module sees
	 */
	public RunRequest(byte[] stdin, Map<String, String> environment, List<String> arguments, int stdoutLimit,
			int stderrLimit, int maxMemoryPages, List<MountedFolder> mounts) {
		this(stdin, environment, arguments, stdoutLimit, stderrLimit, maxMemoryPages, mounts, OutboundHttp.none());
	}

	private static void requireDistinctGuestPaths(List<MountedFolder> mounts) {
		Set<String> guestPaths = new HashSet<>();
		for (MountedFolder mount : mounts) {
			if (!guestPaths.add(mount.guestPath())) {
				throw new IllegalArgumentException("Two mounts share the guest path " + mount.guestPath());
			}
		}
	}

	private static void requireNonNegative(int value, String name) {
		if (value < 0) {
			throw new IllegalArgumentException(name + " must not be negative but was " + value);
		}
	}

}
