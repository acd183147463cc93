package dev.wasmworkers.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountedFolderTests {

	@TempDir
	Path temporary;

	@Test
	void keepsTheFolderAndGuestPathAsGiven() {
		MountedFolder mount = MountedFolder.of(this.temporary, "/data");

		assertThat(mount.hostFolder()).isEqualTo(this.temporary);
		assertThat(mount.guestPath()).isEqualTo("/data");
		assertThat(mount.confinedRoot()).hasToString("/");
	}

	@Test
	void refusesAMissingFolderNamingIt() {
		Path missing = this.temporary.resolve("missing");

		assertThatIllegalArgumentException().isThrownBy(() -> MountedFolder.of(missing, "/data"))
			.withMessageContaining(missing.toString());
	}

	@Test
	void refusesAFileNamingIt() throws IOException {
		Path file = Files.writeString(this.temporary.resolve("file.txt"), "x");

		assertThatIllegalArgumentException().isThrownBy(() -> MountedFolder.of(file, "/data"))
			.withMessageContaining(file.toString());
	}

	@Test
	void refusesARelativeGuestPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> MountedFolder.of(this.temporary, "data"))
			.withMessageContaining("'data'");
	}

	@Test
	void aRunRequestCopiesItsMounts() {
		List<MountedFolder> mounts = new ArrayList<>(List.of(MountedFolder.of(this.temporary, "/data")));

		RunRequest request = new RunRequest(new byte[0], Map.of(), List.of(), 1, 1, 1, mounts);
		mounts.clear();

		assertThat(request.mounts()).hasSize(1);
		assertThat(request.mounts()).isUnmodifiable();
	}

	@Test
	void aRunRequestRefusesTwoMountsAtOneGuestPath() {
		List<MountedFolder> mounts = List.of(MountedFolder.of(this.temporary, "/data"),
				MountedFolder.of(this.temporary, "/data"));

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RunRequest(new byte[0], Map.of(), List.of(), 1, 1, 1, mounts))
			.withMessageContaining("/data");
	}

}
