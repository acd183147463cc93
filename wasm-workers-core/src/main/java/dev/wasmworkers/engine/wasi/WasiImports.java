package dev.wasmworkers.engine.wasi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;

/**
 * The host functions of {@code wasi_snapshot_preview1}, created once and shared by every
 * run: each finds the context of the run it serves from the instance that calls it.
 *
 * <p>
 * Every function of the preview 1 witx is provided with its exact signature, plus the two
 * {@code adapter_*_badfd} functions some toolchains import. Sockets, signals and the
 * adapter functions answer with an error number ({@code ENOTSOCK}, {@code EBADF},
 * {@code ENOSYS}); only a bad pointer traps.
 */
public final class WasiImports {

	/** The import module name of WASI preview 1. */
	public static final String MODULE = "wasi_snapshot_preview1";

	private static final ValType I32 = ValType.I32;

	private static final ValType I64 = ValType.I64;

	private WasiImports() {
	}

	/**
	 * Creates the host functions.
	 * @param contexts finds the context of the run an instance belongs to, and fails
	 * (trapping the call) when it belongs to none
	 * @return the functions, in no particular order
	 */
	public static List<HostFunction> functions(Function<Instance, WasiContext> contexts) {
		Functions functions = new Functions(contexts);
		functions.add("args_get", types(I32, I32), (c, m, a) -> ProcessCalls.argsGet(c, m, i(a, 0), i(a, 1)));
		functions.add("args_sizes_get", types(I32, I32),
				(c, m, a) -> ProcessCalls.argsSizesGet(c, m, i(a, 0), i(a, 1)));
		functions.add("environ_get", types(I32, I32), (c, m, a) -> ProcessCalls.environGet(c, m, i(a, 0), i(a, 1)));
		functions.add("environ_sizes_get", types(I32, I32),
				(c, m, a) -> ProcessCalls.environSizesGet(c, m, i(a, 0), i(a, 1)));
		functions.add("clock_res_get", types(I32, I32), (c, m, a) -> ProcessCalls.clockResGet(m, i(a, 0), i(a, 1)));
		functions.add("clock_time_get", types(I32, I64, I32),
				(c, m, a) -> ProcessCalls.clockTimeGet(c, m, i(a, 0), i(a, 2)));
		functions.add("random_get", types(I32, I32), (c, m, a) -> ProcessCalls.randomGet(m, i(a, 0), i(a, 1)));
		functions.addWithoutResult("proc_exit", types(I32), (c, m, a) -> ProcessCalls.procExit(i(a, 0)));
		functions.add("proc_raise", types(I32), (c, m, a) -> ProcessCalls.procRaise());
		functions.add("sched_yield", types(), (c, m, a) -> ProcessCalls.schedYield());
		functions.add("poll_oneoff", types(I32, I32, I32, I32),
				(c, m, a) -> PollCalls.pollOneoff(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
		addStreamCalls(functions);
		addDescriptorCalls(functions);
		addPathCalls(functions);
		functions.add("sock_accept", types(I32, I32, I32), (c, m, a) -> SocketCalls.notASocket(c, i(a, 0)));
		functions.add("sock_recv", types(I32, I32, I32, I32, I32, I32),
				(c, m, a) -> SocketCalls.notASocket(c, i(a, 0)));
		functions.add("sock_send", types(I32, I32, I32, I32, I32), (c, m, a) -> SocketCalls.notASocket(c, i(a, 0)));
		functions.add("sock_shutdown", types(I32, I32), (c, m, a) -> SocketCalls.notASocket(c, i(a, 0)));
		functions.add("adapter_open_badfd", types(I32), (c, m, a) -> Errno.NOSYS);
		functions.add("adapter_close_badfd", types(I32), (c, m, a) -> Errno.NOSYS);
		return functions.list();
	}

	private static void addStreamCalls(Functions functions) {
		functions.add("fd_read", types(I32, I32, I32, I32),
				(c, m, a) -> StreamCalls.fdRead(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
		functions.add("fd_write", types(I32, I32, I32, I32),
				(c, m, a) -> StreamCalls.fdWrite(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3)));
		functions.add("fd_pread", types(I32, I32, I32, I64, I32),
				(c, m, a) -> StreamCalls.fdPread(c, m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)));
		functions.add("fd_pwrite", types(I32, I32, I32, I64, I32),
				(c, m, a) -> StreamCalls.fdPwrite(c, m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)));
		functions.add("fd_seek", types(I32, I64, I32, I32),
				(c, m, a) -> StreamCalls.fdSeek(c, m, i(a, 0), a[1], i(a, 2) & 0xff, i(a, 3)));
		functions.add("fd_tell", types(I32, I32), (c, m, a) -> StreamCalls.fdTell(c, m, i(a, 0), i(a, 1)));
	}

	private static void addDescriptorCalls(Functions functions) {
		functions.add("fd_close", types(I32), (c, m, a) -> DescriptorCalls.fdClose(c, i(a, 0)));
		functions.add("fd_renumber", types(I32, I32), (c, m, a) -> DescriptorCalls.fdRenumber(c, i(a, 0), i(a, 1)));
		functions.add("fd_advise", types(I32, I64, I64, I32),
				(c, m, a) -> DescriptorCalls.fdAdvise(c, i(a, 0), i(a, 3) & 0xff));
		functions.add("fd_allocate", types(I32, I64, I64),
				(c, m, a) -> DescriptorCalls.fdAllocate(c, i(a, 0), a[1], a[2]));
		functions.add("fd_datasync", types(I32), (c, m, a) -> DescriptorCalls.fdSync(c, i(a, 0), false));
		functions.add("fd_sync", types(I32), (c, m, a) -> DescriptorCalls.fdSync(c, i(a, 0), true));
		functions.add("fd_fdstat_get", types(I32, I32),
				(c, m, a) -> DescriptorCalls.fdFdstatGet(c, m, i(a, 0), i(a, 1)));
		functions.add("fd_fdstat_set_flags", types(I32, I32),
				(c, m, a) -> DescriptorCalls.fdFdstatSetFlags(c, i(a, 0), i(a, 1) & 0xffff));
		functions.add("fd_fdstat_set_rights", types(I32, I64, I64),
				(c, m, a) -> DescriptorCalls.fdFdstatSetRights(c, i(a, 0), a[1], a[2]));
		functions.add("fd_filestat_get", types(I32, I32),
				(c, m, a) -> DescriptorCalls.fdFilestatGet(c, m, i(a, 0), i(a, 1)));
		functions.add("fd_filestat_set_size", types(I32, I64),
				(c, m, a) -> DescriptorCalls.fdFilestatSetSize(c, i(a, 0), a[1]));
		functions.add("fd_filestat_set_times", types(I32, I64, I64, I32),
				(c, m, a) -> DescriptorCalls.fdFilestatSetTimes(c, i(a, 0), a[1], a[2], i(a, 3) & 0xffff));
		functions.add("fd_prestat_get", types(I32, I32),
				(c, m, a) -> DescriptorCalls.fdPrestatGet(c, m, i(a, 0), i(a, 1)));
		functions.add("fd_prestat_dir_name", types(I32, I32, I32),
				(c, m, a) -> DescriptorCalls.fdPrestatDirName(c, m, i(a, 0), i(a, 1), i(a, 2)));
		functions.add("fd_readdir", types(I32, I32, I32, I64, I32),
				(c, m, a) -> DescriptorCalls.fdReaddir(c, m, i(a, 0), i(a, 1), i(a, 2), a[3], i(a, 4)));
	}

	private static void addPathCalls(Functions functions) {
		functions.add("path_open", types(I32, I32, I32, I32, I32, I64, I64, I32, I32),
				(c, m, a) -> PathCalls.pathOpen(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4) & 0xffff, a[5], a[6],
						i(a, 7) & 0xffff, i(a, 8)));
		functions.add("path_create_directory", types(I32, I32, I32),
				(c, m, a) -> PathCalls.pathCreateDirectory(c, m, i(a, 0), i(a, 1), i(a, 2)));
		functions.add("path_filestat_get", types(I32, I32, I32, I32, I32),
				(c, m, a) -> PathCalls.pathFilestatGet(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
		functions.add("path_filestat_set_times", types(I32, I32, I32, I32, I64, I64, I32), (c, m, a) -> PathCalls
			.pathFilestatSetTimes(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), a[4], a[5], i(a, 6) & 0xffff));
		functions.add("path_link", types(I32, I32, I32, I32, I32, I32, I32),
				(c, m, a) -> PathCalls.pathLink(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5), i(a, 6)));
		functions.add("path_readlink", types(I32, I32, I32, I32, I32, I32),
				(c, m, a) -> PathCalls.pathReadlink(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
		functions.add("path_remove_directory", types(I32, I32, I32),
				(c, m, a) -> PathCalls.pathRemoveDirectory(c, m, i(a, 0), i(a, 1), i(a, 2)));
		functions.add("path_rename", types(I32, I32, I32, I32, I32, I32),
				(c, m, a) -> PathCalls.pathRename(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4), i(a, 5)));
		functions.add("path_symlink", types(I32, I32, I32, I32, I32),
				(c, m, a) -> PathCalls.pathSymlink(c, m, i(a, 0), i(a, 1), i(a, 2), i(a, 3), i(a, 4)));
		functions.add("path_unlink_file", types(I32, I32, I32),
				(c, m, a) -> PathCalls.pathUnlinkFile(c, m, i(a, 0), i(a, 1), i(a, 2)));
	}

	private static int i(long[] args, int index) {
		return (int) args[index];
	}

	private static List<ValType> types(ValType... types) {
		return List.of(types);
	}

	/** One WASI call: the run's context, the caller's memory and the arguments. */
	@FunctionalInterface
	private interface Call {

		int apply(WasiContext context, Memory memory, long[] args);

	}

	/** Collects the host functions, each wrapped to find its context and map errors. */
	private static final class Functions {

		private static final List<ValType> ERRNO = List.of(I32);

		private final Function<Instance, WasiContext> contexts;

		private final List<HostFunction> list = new ArrayList<>();

		Functions(Function<Instance, WasiContext> contexts) {
			this.contexts = contexts;
		}

		void add(String name, List<ValType> params, Call call) {
			this.list.add(new HostFunction(MODULE, name, FunctionType.of(params, ERRNO),
					(instance, args) -> new long[] { errno(instance, args, call) }));
		}

		void addWithoutResult(String name, List<ValType> params, Call call) {
			this.list.add(new HostFunction(MODULE, name, FunctionType.of(params, List.of()), (instance, args) -> {
				errno(instance, args, call);
				return null;
			}));
		}

		private int errno(Instance instance, long[] args, Call call) {
			WasiContext context = this.contexts.apply(instance);
			try {
				return call.apply(context, instance.memory(), args);
			}
			catch (ErrnoException ex) {
				return ex.errno();
			}
		}

		List<HostFunction> list() {
			return Collections.unmodifiableList(this.list);
		}

	}

}
