package dev.wasmworkers.engine.wasi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What the WASI host functions act on during one run: its stdin, its captured stdout and
 * stderr, its arguments and environment, its descriptors (preopens included), its budgets
 * for open files and disk writes, and the start of its clocks.
 *
 * <p>
 * Created for one run and used by one thread at a time; {@link #close()} it when the run
 * ends, however it ended.
 */
public final class WasiContext {

	private final DescriptorTable descriptors;

	private final CappedOutput stdout;

	private final CappedOutput stderr;

	private final List<String> arguments;

	private final Map<String, String> environment;

	private final long started = System.nanoTime();

	private long diskWriteLeft;

	private byte @Nullable [][] argumentBytes;

	private byte @Nullable [][] environmentBytes;

	private WasiContext(Builder builder) {
		this.stdout = CappedOutput.refusingOverflow(builder.stdoutLimit);
		this.stderr = CappedOutput.truncating(builder.stderrLimit);
		this.arguments = builder.arguments;
		this.environment = builder.environment;
		this.diskWriteLeft = builder.maxDiskWrite;
		this.descriptors = new DescriptorTable(3 + builder.preopens.size(), builder.maxOpenFiles);
		this.descriptors.add(new InputDescriptor(builder.stdin));
		this.descriptors.add(new OutputDescriptor(this.stdout));
		this.descriptors.add(new OutputDescriptor(this.stderr));
		for (Preopen preopen : builder.preopens) {
			this.descriptors.add(DirectoryDescriptor.root(preopen));
		}
	}

	/**
	 * Starts the context of a run: empty stdin, no output allowed, no arguments,
	 * environment or preopens, no file may be opened or written.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * What the guest wrote on stdout, up to its limit.
	 * @return a copy of the bytes
	 */
	public byte[] stdout() {
		return this.stdout.toByteArray();
	}

	/**
	 * What the guest wrote on stderr, up to its limit.
	 * @return a copy of the bytes
	 */
	public byte[] stderr() {
		return this.stderr.toByteArray();
	}

	/**
	 * Closes every descriptor of the run, files the guest left open included.
	 * @return how many descriptors the guest had opened and not closed
	 */
	public int close() {
		return this.descriptors.closeAll();
	}

	DescriptorTable descriptors() {
		return this.descriptors;
	}

	/** The arguments, program name first, each in UTF-8. */
	byte[][] argumentBytes() {
		if (this.argumentBytes == null) {
			this.argumentBytes = this.arguments.stream()
				.map((argument) -> argument.getBytes(StandardCharsets.UTF_8))
				.toArray(byte[][]::new);
		}
		return this.argumentBytes;
	}

	/** The environment as {@code NAME=value} strings in UTF-8. */
	byte[][] environmentBytes() {
		if (this.environmentBytes == null) {
			this.environmentBytes = this.environment.entrySet()
				.stream()
				.map((entry) -> (entry.getKey() + "=" + entry.getValue()).getBytes(StandardCharsets.UTF_8))
				.toArray(byte[][]::new);
		}
		return this.environmentBytes;
	}

	/** When the run started, on {@link System#nanoTime()}'s scale. */
	long started() {
		return this.started;
	}

	/**
	 * Takes up to {@code wanted} bytes from the disk-write budget and returns how many
	 * may be written; {@code EDQUOT} when the budget is spent and {@code wanted} is not
	 * 0.
	 */
	long takeDiskWrite(long wanted) {
		if (wanted == 0) {
			return 0;
		}
		if (this.diskWriteLeft == 0) {
			throw new ErrnoException(Errno.DQUOT);
		}
		long granted = Math.min(wanted, this.diskWriteLeft);
		this.diskWriteLeft -= granted;
		return granted;
	}

	/**
	 * Takes exactly {@code wanted} bytes from the disk-write budget; {@code EDQUOT} when
	 * fewer are left.
	 */
	void takeWholeDiskWrite(long wanted) {
		if (wanted > this.diskWriteLeft) {
			throw new ErrnoException(Errno.DQUOT);
		}
		this.diskWriteLeft -= wanted;
	}

	/** Gives back budget taken for bytes that were not written after all. */
	void returnDiskWrite(long unused) {
		this.diskWriteLeft += unused;
	}

	/** Builds the context of one run. */
	public static final class Builder {

		private byte[] stdin = new byte[0];

		private int stdoutLimit;

		private int stderrLimit;

		private List<String> arguments = List.of();

		private Map<String, String> environment = Map.of();

		private final List<Preopen> preopens = new ArrayList<>();

		private int maxOpenFiles;

		private long maxDiskWrite;

		private Builder() {
		}

		/**
		 * The bytes the guest reads from stdin; not copied, so they must not change
		 * during the run.
		 * @param stdin the bytes
		 * @return this builder
		 */
		public Builder stdin(byte[] stdin) {
			this.stdin = Objects.requireNonNull(stdin, "stdin");
			return this;
		}

		/**
		 * The most bytes the guest may write on stdout; a write past it stops the run
		 * with {@link OutputLimitExceededException}.
		 * @param limit the limit in bytes
		 * @return this builder
		 */
		public Builder stdoutLimit(int limit) {
			this.stdoutLimit = requireNonNegative(limit, "stdout limit");
			return this;
		}

		/**
		 * The most bytes of stderr kept; the rest is dropped unread, and the run goes on.
		 * @param limit the limit in bytes
		 * @return this builder
		 */
		public Builder stderrLimit(int limit) {
			this.stderrLimit = requireNonNegative(limit, "stderr limit");
			return this;
		}

		/**
		 * The guest's argv, program name first.
		 * @param arguments the arguments
		 * @return this builder
		 */
		public Builder arguments(List<String> arguments) {
			this.arguments = List.copyOf(arguments);
			return this;
		}

		/**
		 * The only environment variables the guest sees, in the map's order; not copied,
		 * so it must not change during the run.
		 * @param environment the variables
		 * @return this builder
		 */
		public Builder environment(Map<String, String> environment) {
			this.environment = Objects.requireNonNull(environment, "environment");
			return this;
		}

		/**
		 * Adds a directory the guest finds open, at the next descriptor from 3 on.
		 * @param preopen the directory
		 * @return this builder
		 */
		public Builder preopen(Preopen preopen) {
			this.preopens.add(Objects.requireNonNull(preopen, "preopen"));
			return this;
		}

		/**
		 * The most files and directories the guest may have open at once, its preopens
		 * and stdio not counted; past it {@code path_open} fails with {@code EMFILE}.
		 * @param maxOpenFiles the limit
		 * @return this builder
		 */
		public Builder maxOpenFiles(int maxOpenFiles) {
			this.maxOpenFiles = requireNonNegative(maxOpenFiles, "maxOpenFiles");
			return this;
		}

		/**
		 * The most bytes the guest may write to files during the run: file contents, file
		 * growth and the names of entries it creates; past it writes fail with
		 * {@code EDQUOT}.
		 * @param maxDiskWrite the limit in bytes
		 * @return this builder
		 */
		public Builder maxDiskWrite(long maxDiskWrite) {
			if (maxDiskWrite < 0) {
				throw new IllegalArgumentException("maxDiskWrite must not be negative but was " + maxDiskWrite);
			}
			this.maxDiskWrite = maxDiskWrite;
			return this;
		}

		/**
		 * Creates the context.
		 * @return the context of one run
		 */
		public WasiContext build() {
			return new WasiContext(this);
		}

		private static int requireNonNegative(int value, String name) {
			if (value < 0) {
				throw new IllegalArgumentException(name + " must not be negative but was " + value);
			}
			return value;
		}

	}

}
