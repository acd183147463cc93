package dev.wasmworkers.engine.wasi;

/**
 * What a file descriptor of a run refers to: stdin, a captured output, a directory or an
 * open file, with the rights and flags the guest sees in {@code fd_fdstat_get}.
 */
abstract sealed class Descriptor permits InputDescriptor, OutputDescriptor, DirectoryDescriptor, FileDescriptor {

	private long rights;

	private long inheritingRights;

	private int flags;

	Descriptor(long rights, long inheritingRights, int flags) {
		this.rights = rights;
		this.inheritingRights = inheritingRights;
		this.flags = flags;
	}

	/** The {@code filetype} code of what the descriptor refers to. */
	abstract int fileType();

	/** Whether the guest opened it with {@code path_open}, so that it counts as open. */
	boolean opened() {
		return false;
	}

	/** Releases what the descriptor holds on the host; closing twice is harmless. */
	void close() {
	}

	long rights() {
		return this.rights;
	}

	long inheritingRights() {
		return this.inheritingRights;
	}

	int flags() {
		return this.flags;
	}

	void setFlags(int flags) {
		this.flags = flags;
	}

	/**
	 * Drops rights; {@code ENOTCAPABLE} when the new rights are not a subset of the
	 * current ones.
	 */
	void restrictRights(long rights, long inheritingRights) {
		if ((rights & ~this.rights) != 0 || (inheritingRights & ~this.inheritingRights) != 0) {
			throw new ErrnoException(Errno.NOTCAPABLE);
		}
		this.rights = rights;
		this.inheritingRights = inheritingRights;
	}

}
