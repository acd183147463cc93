package dev.wasmworkers.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WorkerConfigTests {

	@Test
	void whenCreatedThenVarsAndFoldersAreImmutableCopiesInOrder() {
		Map<String, String> vars = new LinkedHashMap<>();
		vars.put("Z", "1");
		vars.put("A", "2");
		List<FolderMount> folders = new ArrayList<>(List.of(new FolderMount(Path.of("/srv"), "/data")));

		WorkerConfig config = new WorkerConfig(Optional.empty(), Optional.empty(), vars, Optional.empty(), folders,
				WorkerLimits.none());
		vars.put("B", "3");
		folders.clear();

		assertThat(config.vars()).containsExactly(Map.entry("Z", "1"), Map.entry("A", "2"));
		assertThat(config.folders()).hasSize(1);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> config.vars().put("C", "4"));
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> config.folders().clear());
	}

	@Test
	void whenAMountHasARelativeHostFolderThenItIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FolderMount(Path.of("libs"), "/libs"))
			.withMessageContaining("libs");
	}

	@Test
	void whenAMountHasARelativeGuestPathThenItIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FolderMount(Path.of("/srv"), "data"))
			.withMessageContaining("'data'");
	}

}
