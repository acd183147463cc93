package dev.wasmworkers.worker;

import java.nio.file.Path;

import dev.wasmworkers.config.WorkerConfig;
import dev.wasmworkers.discovery.WorkerRoute;
import dev.wasmworkers.discovery.WorkerSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerIdTests {

	@Test
	void idIsTheSha256OfTheProjectFolderJoinedWithTheWorkerPath() {
		Path root = Path.of("/srv/workers");
		Worker worker = Worker.failed(new WorkerSource(root.resolve("users/[id].wasm"), "users/[id].wasm", "wasm",
				WorkerRoute.parse("/users/[id]")), WorkerConfig.empty(), "not compiled in this test");
		// echo -n "/srv/workers/users/[id].wasm" | sha256sum
		assertThat(WorkerId.of(root, worker))
			.isEqualTo("d2f4468d8d19c4c1c5274533e9701b9850e7e9adba25018292b85f6024aa86d3");
	}

	@Test
	void idIsLowerCaseHex() {
		assertThat(WorkerId.sha256("")).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	}

}
