package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.dylibso.chicory.runtime.Memory;

/**
 * The attributes of a file as WASI's 64-byte {@code filestat} holds them: device, inode,
 * file type, link count, size and the access, modification and status-change times in
 * nanoseconds.
 *
 * @param device the device's number
 * @param inode the file's serial number
 * @param fileType the {@code filetype} code
 * @param links the number of hard links
 * @param size the size in bytes
 * @param accessed when the data was last read
 * @param modified when the data was last written
 * @param changed when the status last changed
 */
record FileStat(long device, long inode, int fileType, long links, long size, long accessed, long modified,
		long changed) {

	/** Bytes of a {@code filestat}. */
	static final int SIZE = 64;

	/** What is known of a stream such as stdin: only its type. */
	static final FileStat STREAM = new FileStat(0, 0, Rights.UNKNOWN_TYPE, 0, 0, 0, 0, 0);

	private static final String UNIX_ATTRIBUTES = "unix:dev,ino,nlink,size,lastAccessTime,lastModifiedTime,ctime,mode";

	private static final LinkOption[] FOLLOW = {};

	private static final LinkOption[] NO_FOLLOW = { LinkOption.NOFOLLOW_LINKS };

	/**
	 * Reads the attributes of a file, following a last name that is a symbolic link
	 * unless told not to.
	 */
	static FileStat of(Path path, boolean follow) throws IOException {
		LinkOption[] options = follow ? FOLLOW : NO_FOLLOW;
		if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
			Map<String, Object> unix = Files.readAttributes(path, UNIX_ATTRIBUTES, options);
			return new FileStat((Long) unix.get("dev"), (Long) unix.get("ino"), fileType((Integer) unix.get("mode")),
					(Integer) unix.get("nlink"), (Long) unix.get("size"), nanos(unix.get("lastAccessTime")),
					nanos(unix.get("lastModifiedTime")), nanos(unix.get("ctime")));
		}
		BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, options);
		return new FileStat(0, 0, fileType(basic), 1, basic.size(), nanos(basic.lastAccessTime()),
				nanos(basic.lastModifiedTime()), nanos(basic.lastModifiedTime()));
	}

	/** The {@code filetype} of a file whose basic attributes are known. */
	static int fileType(BasicFileAttributes attributes) {
		if (attributes.isRegularFile()) {
			return Rights.REGULAR_FILE;
		}
		if (attributes.isDirectory()) {
			return Rights.DIRECTORY_TYPE;
		}
		return attributes.isSymbolicLink() ? Rights.SYMBOLIC_LINK : Rights.UNKNOWN_TYPE;
	}

	/** This with another size, as an open file's channel knows it. */
	FileStat withSize(long size) {
		return new FileStat(this.device, this.inode, this.fileType, this.links, size, this.accessed, this.modified,
				this.changed);
	}

	/** Writes the {@code filestat} at a checked address. */
	void write(Memory memory, int address) {
		memory.writeLong(address, this.device);
		memory.writeLong(address + 8, this.inode);
		memory.writeLong(address + 16, 0);
		memory.writeByte(address + 16, (byte) this.fileType);
		memory.writeLong(address + 24, this.links);
		memory.writeLong(address + 32, this.size);
		memory.writeLong(address + 40, this.accessed);
		memory.writeLong(address + 48, this.modified);
		memory.writeLong(address + 56, this.changed);
	}

	private static int fileType(int mode) {
		return switch (mode & 0170000) {
			case 0100000 -> Rights.REGULAR_FILE;
			case 0040000 -> Rights.DIRECTORY_TYPE;
			case 0120000 -> Rights.SYMBOLIC_LINK;
			case 0020000 -> Rights.CHARACTER_DEVICE;
			case 0060000 -> Rights.BLOCK_DEVICE;
			case 0140000 -> Rights.SOCKET_STREAM;
			default -> Rights.UNKNOWN_TYPE;
		};
	}

	private static long nanos(Object time) {
		return Math.max(0, ((FileTime) time).to(TimeUnit.NANOSECONDS));
	}

}
