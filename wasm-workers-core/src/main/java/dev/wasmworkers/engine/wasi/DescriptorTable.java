package dev.wasmworkers.engine.wasi;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The file descriptors of one run: stdin, stdout and stderr at 0 to 2, the preopens from
 * 3, and what the guest opens at the lowest free number, at most a fixed number open at
 * once.
 */
final class DescriptorTable {

	private final int maxOpened;

	private @Nullable Descriptor[] slots;

	private int opened;

	DescriptorTable(int capacity, int maxOpened) {
		this.slots = new Descriptor[capacity];
		this.maxOpened = maxOpened;
	}

	/** The descriptor at a number, or null when none is open there. */
	@Nullable Descriptor get(int fd) {
		return (fd >= 0 && fd < this.slots.length) ? this.slots[fd] : null;
	}

	/** The descriptor at a number; {@code EBADF} when none is open there. */
	Descriptor require(int fd) {
		Descriptor descriptor = get(fd);
		if (descriptor == null) {
			throw new ErrnoException(Errno.BADF);
		}
		return descriptor;
	}

	/**
	 * Whether the guest may open one more descriptor; {@code EMFILE} when it has the most
	 * it may have open.
	 */
	void requireRoom() {
		if (this.opened >= this.maxOpened) {
			throw new ErrnoException(Errno.MFILE);
		}
	}

	/**
	 * Adds a descriptor at the lowest free number and returns it; one the guest opens
	 * only after {@link #requireRoom()}.
	 */
	int add(Descriptor descriptor) {
		int fd = 0;
		while (fd < this.slots.length && this.slots[fd] != null) {
			fd++;
		}
		if (fd == this.slots.length) {
			this.slots = Arrays.copyOf(this.slots, Math.max(8, this.slots.length * 2));
		}
		this.slots[fd] = descriptor;
		if (descriptor.opened()) {
			this.opened++;
		}
		return fd;
	}

	/**
	 * Removes and closes the descriptor at a number; {@code EBADF} when none is there.
	 */
	void close(int fd) {
		Descriptor descriptor = require(fd);
		this.slots[fd] = null;
		release(descriptor);
	}

	/**
	 * Moves the descriptor at {@code from} to {@code to}, closing the one that was there;
	 * {@code EBADF} unless both are open.
	 */
	void renumber(int from, int to) {
		Descriptor moved = require(from);
		Descriptor replaced = require(to);
		if (from == to) {
			return;
		}
		this.slots[from] = null;
		this.slots[to] = moved;
		release(replaced);
	}

	/** Closes every descriptor; returns how many the guest had opened and left open. */
	int closeAll() {
		int left = this.opened;
		for (int fd = 0; fd < this.slots.length; fd++) {
			Descriptor descriptor = this.slots[fd];
			if (descriptor != null) {
				this.slots[fd] = null;
				release(descriptor);
			}
		}
		return left;
	}

	/** How many descriptors the guest has open now. */
	int opened() {
		return this.opened;
	}

	private void release(Descriptor descriptor) {
		if (descriptor.opened()) {
			this.opened--;
		}
		descriptor.close();
	}

}
