package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;

/**
 * The WASI preview 1 error numbers ({@code errno}, a u16) the host returns, and the
 * mapping of Java's file system exceptions onto them.
 */
final class Errno {

	static final int SUCCESS = 0;

	static final int ACCES = 2;

	static final int BADF = 8;

	static final int BUSY = 10;

	static final int DQUOT = 19;

	static final int EXIST = 20;

	static final int FBIG = 22;

	static final int ILSEQ = 25;

	static final int INVAL = 28;

	static final int IO = 29;

	static final int ISDIR = 31;

	static final int LOOP = 32;

	static final int MFILE = 33;

	static final int NAMETOOLONG = 37;

	static final int NOENT = 44;

	static final int NOSPC = 51;

	static final int NOSYS = 52;

	static final int NOTDIR = 54;

	static final int NOTEMPTY = 55;

	static final int NOTSOCK = 57;

	static final int NOTSUP = 58;

	static final int OVERFLOW = 61;

	static final int PERM = 63;

	static final int ROFS = 69;

	static final int SPIPE = 70;

	static final int XDEV = 75;

	static final int NOTCAPABLE = 76;

	private Errno() {
	}

	/** The error number for a failed file system operation. */
	static int of(IOException failure) {
		if (failure instanceof NoSuchFileException) {
			return NOENT;
		}
		if (failure instanceof FileAlreadyExistsException) {
			return EXIST;
		}
		if (failure instanceof DirectoryNotEmptyException) {
			return NOTEMPTY;
		}
		if (failure instanceof NotDirectoryException) {
			return NOTDIR;
		}
		if (failure instanceof AccessDeniedException) {
			return ACCES;
		}
		if (failure instanceof FileSystemLoopException) {
			return LOOP;
		}
		if (failure instanceof NotLinkException) {
			return INVAL;
		}
		if (failure instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
			return ofReason(fileSystem.getReason().toLowerCase(Locale.ROOT));
		}
		return IO;
	}

	/** The error number for the reason the host's C library gave, else EIO. */
	private static int ofReason(String reason) {
		if (reason.contains("is a directory")) {
			return ISDIR;
		}
		if (reason.contains("not a directory")) {
			return NOTDIR;
		}
		if (reason.contains("too many levels of symbolic links")) {
			return LOOP;
		}
		if (reason.contains("file name too long")) {
			return NAMETOOLONG;
		}
		if (reason.contains("cross-device link")) {
			return XDEV;
		}
		if (reason.contains("read-only file system")) {
			return ROFS;
		}
		if (reason.contains("no space left")) {
			return NOSPC;
		}
		if (reason.contains("quota")) {
			return DQUOT;
		}
		if (reason.contains("directory not empty")) {
			return NOTEMPTY;
		}
		if (reason.contains("operation not permitted")) {
			return PERM;
		}
		if (reason.contains("file too large")) {
			return FBIG;
		}
		if (reason.contains("device or resource busy")) {
			return BUSY;
		}
		return IO;
	}

}
