package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/** Sets a file's access and modification times as {@code fst_flags} ask. */
final class FileTimes {

	/** {@code fstflags}: set the access time to the given value. */
	private static final int ACCESS = 1;

	/** {@code fstflags}: set the access time to now. */
	private static final int ACCESS_NOW = 1 << 1;

	/** {@code fstflags}: set the modification time to the given value. */
	private static final int MODIFICATION = 1 << 2;

	/** {@code fstflags}: set the modification time to now. */
	private static final int MODIFICATION_NOW = 1 << 3;

	private FileTimes() {
	}

	/**
	 * Sets the times of a file, following a last name that is a symbolic link unless told
	 * not to; {@code EINVAL} when a time is both given and asked to be now.
	 */
	static void set(Path path, boolean follow, long accessed, long modified, int flags) {
		if ((flags & ~(ACCESS | ACCESS_NOW | MODIFICATION | MODIFICATION_NOW)) != 0
				|| ((flags & ACCESS) != 0 && (flags & ACCESS_NOW) != 0)
				|| ((flags & MODIFICATION) != 0 && (flags & MODIFICATION_NOW) != 0)) {
			throw new ErrnoException(Errno.INVAL);
		}
		FileTime now = FileTime.from(Instant.now());
		LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] { LinkOption.NOFOLLOW_LINKS };
		try {
			Files.getFileAttributeView(path, BasicFileAttributeView.class, options)
				.setTimes(time(flags, MODIFICATION, MODIFICATION_NOW, modified, now),
						time(flags, ACCESS, ACCESS_NOW, accessed, now), null);
		}
		catch (IOException ex) {
			throw new ErrnoException(Errno.of(ex));
		}
	}

	private static @Nullable FileTime time(int flags, int given, int current, long nanos, FileTime now) {
		if ((flags & given) != 0) {
			return FileTime.from(nanos, TimeUnit.NANOSECONDS);
		}
		return ((flags & current) != 0) ? now : null;
	}

}
