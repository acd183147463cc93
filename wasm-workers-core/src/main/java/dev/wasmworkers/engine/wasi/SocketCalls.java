package dev.wasmworkers.engine.wasi;

/**
 * The socket calls of WASI preview 1: no run has a socket, so each fails with
 * {@code ENOTSOCK} on an open descriptor and {@code EBADF} otherwise.
 */
final class SocketCalls {

	private SocketCalls() {
	}

	/**
	 * {@code sock_accept}, {@code sock_recv}, {@code sock_send} and
	 * {@code sock_shutdown}.
	 */
	static int notASocket(WasiContext context, int fd) {
		context.descriptors().require(fd);
		return Errno.NOTSOCK;
	}

}
