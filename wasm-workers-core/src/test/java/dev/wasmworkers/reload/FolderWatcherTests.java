package dev.wasmworkers.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.awaitility.Awaitility.await;

/**
 * The watcher runs its callback once at start, then once per burst of changes anywhere
 * below its folder, folders created later included.
 */
class FolderWatcherTests {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path root;

	private final AtomicInteger calls = new AtomicInteger();

	@Test
	void theCallbackRunsAtStartThenAfterAChange() throws IOException {
		try (FolderWatcher watcher = FolderWatcher.start(this.root, this.calls::incrementAndGet)) {
			await().atMost(PATIENCE).until(() -> this.calls.get() == 1);

			Files.writeString(this.root.resolve("a.wasm"), "one");

			await().atMost(PATIENCE).until(() -> this.calls.get() == 2);
		}
	}

	@Test
	void aBurstOfChangesRunsTheCallbackFewerTimesThanThereWereChanges() throws IOException {
		try (FolderWatcher watcher = FolderWatcher.start(this.root, this.calls::incrementAndGet)) {
			await().atMost(PATIENCE).until(() -> this.calls.get() == 1);

			for (int write = 0; write < 50; write++) {
				Files.writeString(this.root.resolve("a.wasm"), "version " + write);
			}

			await().atMost(PATIENCE).until(() -> this.calls.get() > 1);
			assertThat(this.calls.get() - 1).isLessThan(50);
		}
	}

	@Test
	void aFolderCreatedWhileWatchingIsWatchedToo() throws IOException {
		try (FolderWatcher watcher = FolderWatcher.start(this.root, this.calls::incrementAndGet)) {
			await().atMost(PATIENCE).until(() -> this.calls.get() == 1);
			Files.createDirectories(this.root.resolve("new/deeper"));
			await().atMost(PATIENCE).until(() -> this.calls.get() == 2);

			Files.writeString(this.root.resolve("new/deeper/a.wasm"), "one");

			await().atMost(PATIENCE).until(() -> this.calls.get() == 3);
		}
	}

	@Test
	void writesBelowAWwsFolderAreNotChanges() throws IOException {
		Files.createDirectories(this.root.resolve("api/.wws/compiled"));
		try (FolderWatcher watcher = FolderWatcher.start(this.root, this.calls::incrementAndGet)) {
			await().atMost(PATIENCE).until(() -> this.calls.get() == 1);

			Files.createDirectories(this.root.resolve(".wws/compiled"));
			for (int write = 0; write < 5; write++) {
				Files.writeString(this.root.resolve(".wws/compiled/entry" + write), "classes");
				Files.writeString(this.root.resolve("api/.wws/compiled/entry" + write), "classes");
			}
			await().during(FolderWatcher.LONGEST_WAIT).atMost(PATIENCE).until(() -> this.calls.get() == 1);

			Files.writeString(this.root.resolve("a.wasm"), "one");

			await().atMost(PATIENCE).until(() -> this.calls.get() == 2);
		}
	}

	@Test
	void aFailingCallbackDoesNotStopTheWatching() throws IOException {
		Runnable failing = () -> {
			this.calls.incrementAndGet();
			throw new IllegalStateException("failed on purpose");
		};
		try (FolderWatcher watcher = FolderWatcher.start(this.root, failing)) {
			await().atMost(PATIENCE).until(() -> this.calls.get() == 1);

			Files.writeString(this.root.resolve("a.wasm"), "one");

			await().atMost(PATIENCE).until(() -> this.calls.get() == 2);
		}
	}

	@Test
	void aFolderThatDoesNotExistCannotBeWatched() {
		Path missing = this.root.resolve("missing");

		assertThatIOException().isThrownBy(() -> FolderWatcher.start(missing, this.calls::incrementAndGet))
			.withMessageContaining(missing.toString());
	}

}
