package dev.wasmworkers.engine.wasi;

import java.security.SecureRandom;
import java.time.Instant;

import com.dylibso.chicory.runtime.Memory;

/**
 * The WASI calls about the process rather than files: arguments, environment, clocks,
 * random bytes, exit, signals and yielding.
 */
final class ProcessCalls {

	/** {@code clockid}: wall-clock time since 1970-01-01T00:00:00Z. */
	private static final int REALTIME = 0;

	/** {@code clockid}: a clock that never jumps, with an undefined epoch. */
	private static final int MONOTONIC = 1;

	/**
	 * {@code clockid}: the CPU time of the process, here the time since the run started.
	 */
	private static final int PROCESS_CPUTIME = 2;

	/**
	 * {@code clockid}: the CPU time of the thread, here the time since the run started.
	 */
	private static final int THREAD_CPUTIME = 3;

	/** The epoch of the monotonic clock: one second before this class was loaded. */
	private static final long MONOTONIC_EPOCH = System.nanoTime() - 1_000_000_000L;

	private static final int RANDOM_CHUNK = 64 * 1024;

	private static final SecureRandom random = new SecureRandom();

	private ProcessCalls() {
	}

	/** {@code args_sizes_get(argc_ptr, argv_buf_size_ptr)}. */
	static int argsSizesGet(WasiContext context, Memory memory, int countPointer, int sizePointer) {
		return sizesGet(context.argumentBytes(), memory, countPointer, sizePointer);
	}

	/** {@code args_get(argv_ptr, argv_buf_ptr)}. */
	static int argsGet(WasiContext context, Memory memory, int pointers, int buffer) {
		return stringsGet(context.argumentBytes(), memory, pointers, buffer);
	}

	/** {@code environ_sizes_get(count_ptr, buf_size_ptr)}. */
	static int environSizesGet(WasiContext context, Memory memory, int countPointer, int sizePointer) {
		return sizesGet(context.environmentBytes(), memory, countPointer, sizePointer);
	}

	/** {@code environ_get(environ_ptr, environ_buf_ptr)}. */
	static int environGet(WasiContext context, Memory memory, int pointers, int buffer) {
		return stringsGet(context.environmentBytes(), memory, pointers, buffer);
	}

	/** {@code clock_res_get(id, resolution_ptr)}. */
	static int clockResGet(Memory memory, int clock, int resolutionPointer) {
		long resolution = switch (clock) {
			case REALTIME -> 1_000;
			case MONOTONIC, PROCESS_CPUTIME, THREAD_CPUTIME -> 1;
			default -> throw new ErrnoException(Errno.INVAL);
		};
		GuestMemory.check(memory, resolutionPointer, 8);
		memory.writeLong(resolutionPointer, resolution);
		return Errno.SUCCESS;
	}

	/** {@code clock_time_get(id, precision, time_ptr)}. */
	static int clockTimeGet(WasiContext context, Memory memory, int clock, int timePointer) {
		long time = now(context, clock);
		GuestMemory.check(memory, timePointer, 8);
		memory.writeLong(timePointer, time);
		return Errno.SUCCESS;
	}

	/**
	 * The time of a clock in nanoseconds; {@code EINVAL} for a clock that does not exist.
	 */
	static long now(WasiContext context, int clock) {
		return switch (clock) {
			case REALTIME -> realtime();
			case MONOTONIC -> System.nanoTime() - MONOTONIC_EPOCH;
			case PROCESS_CPUTIME, THREAD_CPUTIME -> System.nanoTime() - context.started();
			default -> throw new ErrnoException(Errno.INVAL);
		};
	}

	private static long realtime() {
		Instant now = Instant.now();
		return now.getEpochSecond() * 1_000_000_000L + now.getNano();
	}

	/** {@code random_get(buf, buf_len)}: bytes of the JVM's {@link SecureRandom}. */
	static int randomGet(Memory memory, int buffer, int length) {
		long total = Integer.toUnsignedLong(length);
		GuestMemory.check(memory, buffer, total);
		byte[] chunk = new byte[(int) Math.min(RANDOM_CHUNK, total)];
		for (long done = 0; done < total; done += chunk.length) {
			Interruption.check();
			int part = (int) Math.min(chunk.length, total - done);
			random.nextBytes(chunk);
			memory.write((int) (buffer + done), chunk, 0, part);
		}
		return Errno.SUCCESS;
	}

	/** {@code proc_exit(rval)}: ends the run with the exit code. */
	static int procExit(int code) {
		throw new ProcExitException(code);
	}

	/** {@code proc_raise(sig)}: signals are not supported. */
	static int procRaise() {
		return Errno.NOSYS;
	}

	/** {@code sched_yield()}. */
	static int schedYield() {
		Thread.yield();
		Interruption.check();
		return Errno.SUCCESS;
	}

	private static int sizesGet(byte[][] strings, Memory memory, int countPointer, int sizePointer) {
		GuestMemory.check(memory, countPointer, 4);
		GuestMemory.check(memory, sizePointer, 4);
		long size = 0;
		for (byte[] string : strings) {
			size += string.length + 1;
		}
		memory.writeI32(countPointer, strings.length);
		memory.writeI32(sizePointer, (int) size);
		return Errno.SUCCESS;
	}

	private static int stringsGet(byte[][] strings, Memory memory, int pointers, int buffer) {
		long size = 0;
		for (byte[] string : strings) {
			size += string.length + 1;
		}
		GuestMemory.check(memory, pointers, 4L * strings.length);
		GuestMemory.check(memory, buffer, size);
		int next = buffer;
		for (int i = 0; i < strings.length; i++) {
			memory.writeI32(pointers + 4 * i, next);
			memory.write(next, strings[i]);
			memory.writeByte(next + strings[i].length, (byte) 0);
			next += strings[i].length + 1;
		}
		return Errno.SUCCESS;
	}

}
