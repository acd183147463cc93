package dev.wasmworkers.engine;

import com.dylibso.chicory.compiler.Cache;
import com.dylibso.chicory.wasm.Version;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder that keeps the JVM classes compiled from worker modules between starts, so
 * that a module that has not changed is loaded instead of compiled again, the image of
 * the started JavaScript engine, so that the engine does not start QuickJS and evaluate
 * the worker API again, and the JavaScript workers' bytecode, so that an unchanged worker
 * is not compiled by QuickJS again.
 *
 * <p>
 * Entries of classes are keyed by the module's SHA-256 digest and the functions left to
 * the interpreter, the other entries by the SHA-256 digest of what made them (for
 * bytecode: the engine image's key and the worker's source), in a folder per Chicory
 * version. Each is written to a temporary file and moved into place atomically, so
 * writers sharing the folder never leave a partial entry, and carries a checksum verified
 * on every read: an entry that is not intact is deleted and the module compiled (or the
 * engine started) again. The folder may be deleted at any time. The server loads the
 * classes in it as code, so the folder must belong to the server's user and not be
 * writable by anyone else; on a POSIX file system that is checked and the folder is
 * created private.
 */
public final class CompileCache {

	private static final Logger logger = LoggerFactory.getLogger(CompileCache.class);

	private static final byte[] MAGIC = "WWSCLASS".getBytes(StandardCharsets.US_ASCII);

	private static final int FORMAT = 1;

	private static final int DIGEST_LENGTH = 32;

	private static final int HEADER_LENGTH = MAGIC.length + Integer.BYTES + DIGEST_LENGTH;

	private static final String ENTRY_SUFFIX = ".jar";

	private static final String COMPILING_INSTEAD = "compiling instead";

	private static final String TEMPORARY_SUFFIX = ".tmp";

	/** Temporary files older than this were left by a writer that stopped half-way. */
	private static final Duration ABANDONED = Duration.ofMinutes(10);

	private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = EnumSet.of(PosixFilePermission.GROUP_WRITE,
			PosixFilePermission.OTHERS_WRITE);

	private static final CompileCache NONE = new CompileCache(null);

	private final @Nullable Path folder;

	private final AtomicBoolean warnedOnWrite = new AtomicBoolean();

	private CompileCache(@Nullable Path folder) {
		this.folder = folder;
	}

	/**
	 * A cache in the given folder, created (private to the server's user) if missing;
	 * temporary files that earlier writers abandoned are removed.
	 * @param folder the folder
	 * @return the cache
	 * @throws IOException when the folder cannot be created or written, or when another
	 * user owns it or may write to it
	 */
	public static CompileCache in(Path folder) throws IOException {
		Path versioned = folder.resolve("chicory-" + Version.version());
		createPrivately(folder);
		createPrivately(versioned);
		checkOnlyTheServerWrites(folder);
		checkOnlyTheServerWrites(versioned);
		removeAbandoned(versioned);
		return new CompileCache(versioned);
	}

	/**
	 * No cache: every module is compiled.
	 * @return the cache that keeps nothing
	 */
	public static CompileCache none() {
		return NONE;
	}

	/**
	 * The key of the entries made from the given bytes (a module as compiled, or what
	 * made an image), or null for no cache: their SHA-256 digest.
	 * @param bytes the bytes
	 * @return the key, in hex
	 */
	@Nullable String keyOf(byte[] bytes) {
		return (this.folder != null) ? HexFormat.of().formatHex(sha256(bytes)) : null;
	}

	/**
	 * Where Chicory's compiler reads and writes the classes of the module with the given
	 * key compiled with the given functions left to the interpreter, or null for no
	 * cache. The module's own digest, which Chicory passes, is not used: a module whose
	 * bodies {@link CodeStubs} replaced has the key of the whole module.
	 */
	@Nullable Cache classes(@Nullable String key, Set<Integer> interpreted) {
		Path folder = this.folder;
		if (folder == null || key == null) {
			return null;
		}
		Path entry = entry(folder, key, interpreted);
		return new Cache() {

			@Override
			public byte @Nullable [] get(String digest) {
				return read(entry, COMPILING_INSTEAD);
			}

			@Override
			public void putIfAbsent(String digest, byte[] classes) {
				write(entry, classes);
			}

		};
	}

	/**
	 * The classes kept for the module with the given key compiled whole, with no function
	 * left to the interpreter.
	 * @param key the module's key, null for no cache
	 * @return the intact classes, or null when there are none
	 */
	byte @Nullable [] compiledWhole(@Nullable String key) {
		Path folder = this.folder;
		return (folder != null && key != null) ? read(entry(folder, key, Set.of()), COMPILING_INSTEAD) : null;
	}

	/**
	 * The bytes of the given kind kept under the given key.
	 * @param kind what the bytes are
	 * @param key the key of what made them ({@link #keyOf(byte[])}), null for no cache
	 * @return the intact bytes, or null when there are none
	 */
	byte @Nullable [] kept(Kept kind, @Nullable String key) {
		Path folder = this.folder;
		return (folder != null && key != null) ? read(folder.resolve(key + kind.suffix), kind.instead) : null;
	}

	/**
	 * Keeps bytes of the given kind under the given key, unless some are kept already.
	 * @param kind what the bytes are
	 * @param key the key of what made them, null for no cache
	 * @param bytes the bytes
	 */
	void keep(Kept kind, @Nullable String key, byte[] bytes) {
		Path folder = this.folder;
		if (folder != null && key != null) {
			write(folder.resolve(key + kind.suffix), bytes);
		}
	}

	private static Path entry(Path folder, String key, Set<Integer> interpreted) {
		String variant = interpreted.isEmpty() ? "compiled"
				: "interpreting-" + HexFormat.of()
					.formatHex(sha256(interpreted.stream()
						.map(String::valueOf)
						.collect(Collectors.joining(","))
						.getBytes(StandardCharsets.US_ASCII)), 0, 8);
		return folder.resolve(key + "-" + variant + ENTRY_SUFFIX);
	}

	private byte @Nullable [] read(Path entry, String instead) {
		byte[] stored;
		try {
			stored = Files.readAllBytes(entry);
		}
		catch (NoSuchFileException ex) {
			return null;
		}
		catch (IOException ex) {
			logger.warn("Cannot read the compile cache entry {}; {}: {}", entry, instead, ex.toString());
			return null;
		}
		byte[] payload = payload(stored);
		if (payload == null) {
			logger.warn("Deleting the compile cache entry {}, which is not intact; {}", entry, instead);
			delete(entry);
		}
		return payload;
	}

	private void write(Path entry, byte[] payload) {
		if (Files.exists(entry)) {
			return;
		}
		Path temporary = null;
		try {
			temporary = Files.createTempFile(entry.getParent(), entry.getFileName().toString(), TEMPORARY_SUFFIX);
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH);
				header.put(MAGIC).putInt(FORMAT).put(sha256(payload)).flip();
				ByteBuffer[] buffers = { header, ByteBuffer.wrap(payload) };
				while (buffers[1].hasRemaining()) {
					channel.write(buffers);
				}
				channel.force(true);
			}
			Files.move(temporary, entry, StandardCopyOption.ATOMIC_MOVE);
			temporary = null;
		}
		catch (AtomicMoveNotSupportedException ex) {
			warnOnce(entry, "its file system cannot move files atomically");
		}
		catch (IOException ex) {
			warnOnce(entry, ex.toString());
		}
		finally {
			if (temporary != null) {
				delete(temporary);
			}
		}
	}

	private void warnOnce(Path entry, String reason) {
		if (this.warnedOnWrite.compareAndSet(false, true)) {
			logger.warn("Cannot keep compiled modules and engine images in {} ({}); they are made again at the next"
					+ " start", entry.getParent(), reason);
		}
	}

	/** The payload of a stored entry, or null when the entry is not intact. */
	private static byte @Nullable [] payload(byte[] stored) {
		if (stored.length < HEADER_LENGTH || !Arrays.equals(stored, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
				|| ByteBuffer.wrap(stored, MAGIC.length, Integer.BYTES).getInt() != FORMAT) {
			return null;
		}
		byte[] payload = Arrays.copyOfRange(stored, HEADER_LENGTH, stored.length);
		byte[] expected = Arrays.copyOfRange(stored, MAGIC.length + Integer.BYTES, HEADER_LENGTH);
		return MessageDigest.isEqual(expected, sha256(payload)) ? payload : null;
	}

	private static void createPrivately(Path folder) throws IOException {
		if (Files.isDirectory(folder)) {
			return;
		}
		if (folder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Files.createDirectories(folder,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		else {
			Files.createDirectories(folder);
		}
	}

	/**
	 * Fails unless the server can write the folder and, on a POSIX file system, owns it
	 * and no other user may write to it (the owner of a file the server creates there is
	 * the server's user).
	 */
	private static void checkOnlyTheServerWrites(Path folder) throws IOException {
		Path probe = Files.createTempFile(folder, "probe-", TEMPORARY_SUFFIX);
		try {
			PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
			if (view == null) {
				return;
			}
			if (!view.getOwner().equals(Files.getOwner(probe))) {
				throw new IOException(folder + " belongs to " + view.getOwner().getName()
						+ ", not to the server's user; the server loads the classes in it as code");
			}
			Set<PosixFilePermission> permissions = view.readAttributes().permissions();
			permissions.retainAll(WRITABLE_BY_OTHERS);
			if (!permissions.isEmpty()) {
				throw new IOException(folder + " may be written by other users (" + permissions
						+ "); the server loads the classes in it as code, so only its own user may write there");
			}
		}
		finally {
			delete(probe);
		}
	}

	private static void removeAbandoned(Path folder) throws IOException {
		FileTime before = FileTime.from(Instant.now().minus(ABANDONED));
		try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(folder, "*" + TEMPORARY_SUFFIX)) {
			for (Path temporary : temporaries) {
				if (Files.getLastModifiedTime(temporary).compareTo(before) < 0) {
					delete(temporary);
				}
			}
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			logger.debug("Cannot delete {}: {}", file, ex.toString());
		}
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no SHA-256", ex);
		}
	}

	/**
	 * What the cache keeps besides the classes of modules, each kind in files of its own
	 * suffix.
	 */
	enum Kept {

		/** The image of a started JavaScript engine ({@link EngineImage}). */
		ENGINE_IMAGE("-image.bin", "starting instead"),

		/** A JavaScript worker compiled to QuickJS bytecode. */
		JAVASCRIPT_BYTECODE("-bytecode.bin", COMPILING_INSTEAD);

		private final String suffix;

		private final String instead;

		Kept(String suffix, String instead) {
			this.suffix = suffix;
			this.instead = instead;
		}

	}

}
