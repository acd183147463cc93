package dev.wasmworkers.engine.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rename by one guest cannot slip between another guest's check and its use. */
class ConfinedFileSystemRaceTests {

	private static final long RACE_MILLIS = 1000;

	@TempDir
	Path temporary;

	/**
	 * The name {@code /dl} is swapped between a directory holding a decoy and the link
	 * {@code ..}, which leads inside from {@code /a} but out from the root, while a
	 * reader reads {@code /dl/secret.txt}.
	 */
	@Test
	void aReaderNeverGetsOutWhileALinkIsSwappedWithADirectory() throws Exception {
		Path base = this.temporary.toRealPath();
		Files.writeString(base.resolve("secret.txt"), "SECRET");
		Path folder = Files.createDirectories(base.resolve("folder/a"));
		Files.createSymbolicLink(folder.resolve("dl"), Path.of(".."));
		Files.createDirectory(base.resolve("folder/dir"));
		Files.writeString(base.resolve("folder/dir/secret.txt"), "decoy");
		FileSystem fs = ConfinedFileSystem.confine(base.resolve("folder"));
		AtomicBoolean racing = new AtomicBoolean(true);
		AtomicReference<Exception> swapFailure = new AtomicReference<>();
		Thread swapper = new Thread(() -> {
			try {
				while (racing.get()) {
					move(fs, "/dir", "/dl");
					move(fs, "/dl", "/dir");
					move(fs, "/a/dl", "/dl");
					move(fs, "/dl", "/a/dl");
				}
			}
			catch (IOException ex) {
				swapFailure.set(ex);
			}
		});
		AtomicInteger reads = new AtomicInteger();
		AtomicInteger escapes = new AtomicInteger();

		swapper.start();
		long end = System.currentTimeMillis() + RACE_MILLIS;
		while (System.currentTimeMillis() < end) {
			try {
				if (Files.readString(fs.getPath("/dl/secret.txt")).equals("SECRET")) {
					escapes.incrementAndGet();
				}
				reads.incrementAndGet();
			}
			catch (IOException missing) {
				// the link was there, or nothing was
			}
		}
		racing.set(false);
		swapper.join();

		assertThat(swapFailure.get()).isNull();
		assertThat(reads.get()).isPositive();
		assertThat(escapes.get()).isZero();
	}

	private static void move(FileSystem fs, String from, String to) throws IOException {
		Files.move(fs.getPath(from), fs.getPath(to), StandardCopyOption.ATOMIC_MOVE);
	}

}
