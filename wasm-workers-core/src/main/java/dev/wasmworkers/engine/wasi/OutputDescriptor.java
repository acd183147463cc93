package dev.wasmworkers.engine.wasi;

/** The run's stdout or stderr, captured in memory up to its limit. */
final class OutputDescriptor extends Descriptor {

	private final CappedOutput output;

	OutputDescriptor(CappedOutput output) {
		super(Rights.FD_WRITE, 0, 0);
		this.output = output;
	}

	@Override
	int fileType() {
		return Rights.UNKNOWN_TYPE;
	}

	CappedOutput output() {
		return this.output;
	}

}
