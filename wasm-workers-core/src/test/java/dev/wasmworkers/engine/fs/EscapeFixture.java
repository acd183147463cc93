package dev.wasmworkers.engine.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A host folder to mount, with a secret file and a directory beside it, and links inside
 * that lead out; remembers everything outside the folder so that tests can check it is
 * untouched.
 *
 * <p>
 * Layout under {@code base}: {@code secret.txt}, {@code outside/file.txt}, and
 * {@code folder/} holding {@code inside.txt}, {@code sub/}, and the links {@code link}
 * (absolute, to the secret), {@code rellink} ({@code ../secret.txt}), {@code rellink_in}
 * ({@code inside.txt}), {@code dirlink} (absolute, to {@code outside}), {@code dangling}
 * (to the missing {@code base/created.txt}), {@code sub/up} ({@code ../..}) and
 * {@code sub/back} ({@code ..}).
 */
public final class EscapeFixture {

	public static final String SECRET = "SECRET";

	public static final String OUTSIDE = "OUTSIDE";

	public static final String INSIDE = "inside";

	public final Path base;

	public final Path folder;

	public final Path secret;

	public final Path outsideDir;

	private final Map<String, String> outsideBefore;

	/** Lays out the host files under a fresh temporary directory. */
	public EscapeFixture(Path temporary) throws IOException {
		this.base = temporary.toRealPath();
		this.secret = Files.writeString(this.base.resolve("secret.txt"), SECRET);
		this.outsideDir = Files.createDirectory(this.base.resolve("outside"));
		Files.writeString(this.outsideDir.resolve("file.txt"), OUTSIDE);
		this.folder = Files.createDirectory(this.base.resolve("folder"));
		Files.writeString(this.folder.resolve("inside.txt"), INSIDE);
		Files.createDirectory(this.folder.resolve("sub"));
		Files.createSymbolicLink(this.folder.resolve("link"), this.secret);
		Files.createSymbolicLink(this.folder.resolve("rellink"), Path.of("../secret.txt"));
		Files.createSymbolicLink(this.folder.resolve("rellink_in"), Path.of("inside.txt"));
		Files.createSymbolicLink(this.folder.resolve("dirlink"), this.outsideDir);
		Files.createSymbolicLink(this.folder.resolve("dangling"), this.base.resolve("created.txt"));
		Files.createSymbolicLink(this.folder.resolve("sub/up"), Path.of("../.."));
		Files.createSymbolicLink(this.folder.resolve("sub/back"), Path.of(".."));
		this.outsideBefore = outside();
	}

	/** Whether everything outside the folder is as it was laid out. */
	public boolean outsideUnchanged() throws IOException {
		return outside().equals(this.outsideBefore);
	}

	/** Each path outside the folder, relative to the base, with its contents. */
	private Map<String, String> outside() throws IOException {
		Map<String, String> files = new TreeMap<>();
		try (Stream<Path> walk = Files.walk(this.base)) {
			for (Path path : (Iterable<Path>) walk::iterator) {
				if (!path.startsWith(this.folder)) {
					files.put(this.base.relativize(path).toString(), contents(path));
				}
			}
		}
		return files;
	}

	private static String contents(Path path) throws IOException {
		if (Files.isSymbolicLink(path)) {
			return "link to " + Files.readSymbolicLink(path);
		}
		if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
			return "directory";
		}
		return new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
	}

}
