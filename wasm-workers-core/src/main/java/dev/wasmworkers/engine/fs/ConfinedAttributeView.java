package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.jspecify.annotations.Nullable;

/** The basic attributes of a confined file, read and set through its provider. */
final class ConfinedAttributeView implements BasicFileAttributeView {

	private final ConfinedProvider provider;

	private final ConfinedPath file;

	private final LinkOption[] options;

	/** Creates the view of a file, following links unless the options say not to. */
	ConfinedAttributeView(ConfinedProvider provider, ConfinedPath file, LinkOption[] options) {
		this.provider = provider;
		this.file = file;
		this.options = options.clone();
	}

	@Override
	public String name() {
		return "basic";
	}

	@Override
	public BasicFileAttributes readAttributes() throws IOException {
		return this.provider.readAttributes(this.file, BasicFileAttributes.class, this.options);
	}

	@Override
	public void setTimes(@Nullable FileTime lastModifiedTime, @Nullable FileTime lastAccessTime,
			@Nullable FileTime createTime) throws IOException {
		this.provider.setTimes(this.file, this.options, lastModifiedTime, lastAccessTime, createTime);
	}

}
