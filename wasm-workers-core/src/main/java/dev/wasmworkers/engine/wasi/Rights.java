package dev.wasmworkers.engine.wasi;

/**
 * The WASI {@code rights} bits, {@code fdflags}, {@code filetype} codes and flags used
 * here.
 */
final class Rights {

	static final long FD_DATASYNC = 1L;

	static final long FD_READ = 1L << 1;

	static final long FD_SEEK = 1L << 2;

	static final long FD_FDSTAT_SET_FLAGS = 1L << 3;

	static final long FD_SYNC = 1L << 4;

	static final long FD_TELL = 1L << 5;

	static final long FD_WRITE = 1L << 6;

	static final long FD_ADVISE = 1L << 7;

	static final long FD_ALLOCATE = 1L << 8;

	static final long FD_READDIR = 1L << 14;

	static final long FD_FILESTAT_GET = 1L << 21;

	static final long FD_FILESTAT_SET_SIZE = 1L << 22;

	static final long FD_FILESTAT_SET_TIMES = 1L << 23;

	static final long POLL_FD_READWRITE = 1L << 27;

	/** Every right that applies to a regular file. */
	static final long FILE = FD_DATASYNC | FD_READ | FD_SEEK | FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_TELL | FD_WRITE
			| FD_ADVISE | FD_ALLOCATE | FD_FILESTAT_GET | FD_FILESTAT_SET_SIZE | FD_FILESTAT_SET_TIMES
			| POLL_FD_READWRITE;

	/**
	 * Every right that applies to a directory: the path operations (bits 9 to 13, 15 to
	 * 20, 24 to 26) and those on the descriptor itself.
	 */
	static final long DIRECTORY = FD_FDSTAT_SET_FLAGS | FD_SYNC | FD_ADVISE | FD_READDIR | FD_FILESTAT_GET
			| FD_FILESTAT_SET_TIMES | (0x1fL << 9) | (0x3fL << 15) | (0x7L << 24);

	/** {@code fdflags}: append mode. */
	static final int APPEND = 1;

	/** {@code fdflags}: synchronized data writes. */
	static final int DSYNC = 1 << 1;

	/** {@code fdflags}: non-blocking mode. */
	static final int NONBLOCK = 1 << 2;

	/** {@code fdflags}: synchronized reads. */
	static final int RSYNC = 1 << 3;

	/** {@code fdflags}: synchronized writes. */
	static final int SYNC = 1 << 4;

	static final int UNKNOWN_TYPE = 0;

	static final int BLOCK_DEVICE = 1;

	static final int CHARACTER_DEVICE = 2;

	static final int DIRECTORY_TYPE = 3;

	static final int REGULAR_FILE = 4;

	static final int SOCKET_STREAM = 6;

	static final int SYMBOLIC_LINK = 7;

	private Rights() {
	}

}
