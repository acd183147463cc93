package dev.wasmworkers.engine.wasi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.wasmworkers.engine.fs.ConfinedFileSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every WASI call once at start-up, in a temporary folder, so that the classes they
 * use (ours, the JDK's file system and channel classes, the exceptions they map) are
 * loaded and initialised before any guest can call them with little stack left.
 */
public final class HostCallWarmUp {

	private static final Logger logger = LoggerFactory.getLogger(HostCallWarmUp.class);

	/**
	 * Scratch layout of the warm-up memory: paths at 0, results at 4096, data at 8192.
	 */
	private static final int PATHS = 0;

	private static final int RESULT = 4096;

	private static final int IOVEC = 4160;

	private static final int DATA = 8192;

	private HostCallWarmUp() {
	}

	/** Runs the calls; a failure is logged, never thrown. */
	public static void run() {
		Path folder = null;
		try {
			folder = Files.createTempDirectory("wasm-workers-warm-up");
			exercise(ConfinedFileSystem.confine(folder).getPath("/"));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("The warm-up of the WASI host calls failed; they load their classes on first use", ex);
		}
		finally {
			if (folder != null) {
				delete(folder);
			}
		}
		loadExceptions();
	}

	private static void exercise(Path root) {
		WasiContext context = WasiContext.builder()
			.stdin("in".getBytes(StandardCharsets.UTF_8))
			.stdoutLimit(64)
			.stderrLimit(64)
			.arguments(List.of("warm-up"))
			.environment(Map.of("NAME", "value"))
			.preopen(Preopen.of("/warm-up", root))
			.maxOpenFiles(4)
			.maxDiskWrite(4096)
			.build();
		Memory memory = new ByteArrayMemory(new MemoryLimits(1, 1));
		try {
			process(context, memory);
			files(context, memory);
		}
		finally {
			context.close();
		}
	}

	private static void process(WasiContext context, Memory memory) {
		ProcessCalls.argsSizesGet(context, memory, RESULT, RESULT + 4);
		ProcessCalls.argsGet(context, memory, RESULT, DATA);
		ProcessCalls.environSizesGet(context, memory, RESULT, RESULT + 4);
		ProcessCalls.environGet(context, memory, RESULT, DATA);
		for (int clock = 0; clock < 4; clock++) {
			ProcessCalls.clockResGet(memory, clock, RESULT);
			ProcessCalls.clockTimeGet(context, memory, clock, RESULT);
		}
		ProcessCalls.randomGet(memory, DATA, 16);
		ProcessCalls.schedYield();
		iovec(memory, DATA, 2);
		StreamCalls.fdRead(context, memory, 0, IOVEC, 1, RESULT);
		StreamCalls.fdWrite(context, memory, 1, IOVEC, 1, RESULT);
		StreamCalls.fdWrite(context, memory, 2, IOVEC, 1, RESULT);
		DescriptorCalls.fdFdstatGet(context, memory, 1, RESULT);
		DescriptorCalls.fdFilestatGet(context, memory, 1, RESULT);
		DescriptorCalls.fdPrestatGet(context, memory, 3, RESULT);
		DescriptorCalls.fdPrestatDirName(context, memory, 3, DATA, 64);
		memory.writeLong(DATA, 1);
		memory.writeByte(DATA + 8, (byte) 0);
		memory.writeI32(DATA + 16, 1);
		memory.writeLong(DATA + 24, 0);
		memory.writeShort(DATA + 40, (short) 0);
		PollCalls.pollOneoff(context, memory, DATA, DATA + 64, 1, RESULT);
		ignoreErrno(() -> SocketCalls.notASocket(context, 1));
	}

	private static void files(WasiContext context, Memory memory) {
		int directory = path(memory, 0, "directory");
		int file = path(memory, 1, "directory/file.txt");
		int renamed = path(memory, 2, "renamed.txt");
		int link = path(memory, 3, "link");
		int hard = path(memory, 4, "hard.txt");
		PathCalls.pathCreateDirectory(context, memory, 3, directory, 9);
		PathCalls.pathOpen(context, memory, 3, 1, file, 18, 1 | 8, Rights.FILE, 0, 0, RESULT);
		int fd = memory.readInt(RESULT);
		iovec(memory, DATA, 4);
		StreamCalls.fdWrite(context, memory, fd, IOVEC, 1, RESULT);
		StreamCalls.fdPwrite(context, memory, fd, IOVEC, 1, 4, RESULT);
		StreamCalls.fdSeek(context, memory, fd, 0, 0, RESULT);
		StreamCalls.fdTell(context, memory, fd, RESULT);
		StreamCalls.fdRead(context, memory, fd, IOVEC, 1, RESULT);
		StreamCalls.fdPread(context, memory, fd, IOVEC, 1, 0, RESULT);
		DescriptorCalls.fdFilestatGet(context, memory, fd, RESULT);
		DescriptorCalls.fdFilestatSetSize(context, fd, 2);
		DescriptorCalls.fdFilestatSetTimes(context, fd, 0, 0, 2 | 8);
		DescriptorCalls.fdAllocate(context, fd, 0, 8);
		DescriptorCalls.fdSync(context, fd, true);
		DescriptorCalls.fdAdvise(context, fd, 0);
		DescriptorCalls.fdFdstatSetFlags(context, fd, 0);
		DescriptorCalls.fdClose(context, fd);
		PathCalls.pathFilestatGet(context, memory, 3, 1, file, 18, RESULT);
		PathCalls.pathFilestatSetTimes(context, memory, 3, 0, file, 18, 0, 0, 2 | 8);
		PathCalls.pathRename(context, memory, 3, file, 18, 3, renamed, 11);
		PathCalls.pathSymlink(context, memory, renamed, 11, 3, link, 4);
		PathCalls.pathReadlink(context, memory, 3, link, 4, DATA, 64, RESULT);
		PathCalls.pathLink(context, memory, 3, 1, link, 4, 3, hard, 8);
		PathCalls.pathOpen(context, memory, 3, 1, directory, 9, 2, Rights.DIRECTORY, 0, 0, RESULT);
		int listed = memory.readInt(RESULT);
		DescriptorCalls.fdReaddir(context, memory, listed, DATA, 1024, 0, RESULT);
		DescriptorCalls.fdRenumber(context, listed, 3);
		PathCalls.pathOpen(context, memory, 3, 1, directory, 9, 2, Rights.DIRECTORY, 0, 0, RESULT);
		ignoreErrno(() -> PathCalls.pathOpen(context, memory, 4, 1, file, 18, 0, Rights.FILE, 0, 0, RESULT));
		ignoreErrno(() -> PathCalls.pathRemoveDirectory(context, memory, 3, renamed, 11));
		PathCalls.pathUnlinkFile(context, memory, 3, link, 4);
		PathCalls.pathUnlinkFile(context, memory, 3, hard, 8);
		PathCalls.pathUnlinkFile(context, memory, 3, renamed, 11);
		PathCalls.pathRemoveDirectory(context, memory, 3, directory, 9);
	}

	/** Loads the exceptions the calls map or throw, and the mapping's own checks. */
	private static void loadExceptions() {
		Errno.of(new IOException("warm-up"));
		Errno.of(new DirectoryNotEmptyException("warm-up"));
		new ErrnoException(Errno.IO).errno();
		new ProcExitException(0).exitCode();
		new OutputLimitExceededException(0).getMessage();
		new ChicoryInterruptedException("warm-up").getMessage();
	}

	/** Writes a path into slot {@code slot} of the path area and returns its address. */
	private static int path(Memory memory, int slot, String text) {
		int address = PATHS + slot * 64;
		memory.write(address, text.getBytes(StandardCharsets.UTF_8));
		return address;
	}

	private static void iovec(Memory memory, int buffer, int length) {
		memory.writeI32(IOVEC, buffer);
		memory.writeI32(IOVEC + 4, length);
	}

	private static void ignoreErrno(Runnable call) {
		try {
			call.run();
		}
		catch (ErrnoException ex) {
			// The error path is what is being loaded.
		}
	}

	private static void delete(Path folder) {
		try (Stream<Path> files = Files.walk(folder)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Cannot remove the warm-up folder {}", folder, ex);
		}
	}

}
