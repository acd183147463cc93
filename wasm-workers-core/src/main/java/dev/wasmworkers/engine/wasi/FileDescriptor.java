package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A regular file the guest opened, with its host channel. */
final class FileDescriptor extends Descriptor {

	private final FileChannel channel;

	private final Path path;

	private final boolean appendsNatively;

	/**
	 * Wraps an open channel; {@code appendsNatively} when the channel was opened to
	 * append, so that the host appends each write atomically.
	 */
	FileDescriptor(FileChannel channel, Path path, long rights, int flags, boolean appendsNatively) {
		super(rights & Rights.FILE, 0, flags);
		this.channel = channel;
		this.path = path;
		this.appendsNatively = appendsNatively;
	}

	@Override
	int fileType() {
		return Rights.REGULAR_FILE;
	}

	@Override
	boolean opened() {
		return true;
	}

	FileChannel channel() {
		return this.channel;
	}

	/** The host path the file was opened at. */
	Path path() {
		return this.path;
	}

	/** Whether each write goes to the end of the file. */
	boolean appending() {
		return (flags() & Rights.APPEND) != 0;
	}

	/**
	 * Whether the channel appends by itself; otherwise the guest turned append mode on
	 * later, and each write first moves to the end.
	 */
	boolean appendsNatively() {
		return this.appendsNatively;
	}

	@Override
	void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// Nothing was buffered: the writes went to the host as they were made.
		}
	}

}
