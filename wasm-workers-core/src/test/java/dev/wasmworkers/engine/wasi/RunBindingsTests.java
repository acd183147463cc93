package dev.wasmworkers.engine.wasi;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.dylibso.chicory.runtime.Instance;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Host functions created once find the context of the run that calls them, and of no
 * other: not another run's, concurrent or earlier, and none outside a run.
 */
class RunBindingsTests {

	/** Copies stdin to stdout, 1 byte at a time, yielding between bytes. */
	private static final WasiGuest ECHO = WasiGuest.of("""
			(memory 1)
			(func (export "_start")
			  (i32.store (i32.const 16) (i32.const 100))
			  (i32.store (i32.const 20) (i32.const 1))
			  (loop $next
			    (drop (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
			    (if (i32.load (i32.const 24))
			      (then
			        (drop (call $sched_yield))
			        (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 28)))
			        (br $next)))))
			""");

	@Test
	void concurrentRunsEachSeeOnlyTheirOwnContext() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> runs = new ArrayList<>();
			for (int i = 0; i < 32; i++) {
				String stdin = ("run " + i + " ").repeat(50);
				runs.add(threads.submit(() -> {
					WasiContext context = context(stdin);
					assertThat(ECHO.run(context).ending()).isNull();
					return new String(context.stdout(), StandardCharsets.UTF_8);
				}));
			}
			for (int i = 0; i < runs.size(); i++) {
				assertThat(runs.get(i).get()).isEqualTo(("run " + i + " ").repeat(50));
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void anInstanceOutsideOfARunCannotCallTheHost() {
		Instance instance = ECHO.instantiate();

		assertThat(ECHO.run(context("another run")).ending()).isNull();
		assertThatThrownBy(() -> instance.export("_start").apply()).hasMessageContaining("outside of its run");
	}

	@Test
	void anInstanceWhoseRunEndedCannotCallTheHost() {
		Instance instance = ECHO.instantiate();
		WasiContext context = context("x");
		WasiGuest.runs.bind(instance, context).close();

		assertThatThrownBy(() -> instance.export("_start").apply()).hasMessageContaining("outside of its run");
		assertThat(context.stdout()).isEmpty();
	}

	@Test
	void anInstanceCannotBeBoundTwice() {
		Instance instance = ECHO.instantiate();
		try (RunBindings<WasiContext>.Binding bound = WasiGuest.runs.bind(instance, context("a"))) {
			assertThatIllegalStateException().isThrownBy(() -> WasiGuest.runs.bind(instance, context("b")));
		}
	}

	private static WasiContext context(String stdin) {
		return WasiContext.builder().stdin(stdin.getBytes(StandardCharsets.UTF_8)).stdoutLimit(1 << 16).build();
	}

}
