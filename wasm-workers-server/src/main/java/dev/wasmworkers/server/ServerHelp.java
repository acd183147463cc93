package dev.wasmworkers.server;

/** The text {@code --help} prints. */
final class ServerHelp {

	/** The help, ending with a line break. */
	static final String TEXT = """
			Serves a folder of Wasm Workers Server (wws) workers on the JVM, with wws 1.7's command line.

			Usage: %1$s [OPTIONS] [PATH] [--spring.property=value ...]

			Arguments:
			  [PATH]  The project folder: every .wasm, .js and .py file in it is a route [default: .]

			Options:
			      --host <HOSTNAME>  Address to listen on [default: 127.0.0.1]
			  -p, --port <PORT>      Port to listen on; 0 picks a free one [default: 8080]
			      --prefix <PREFIX>  Path prefix of every worker route and of the public files [default: ]
			      --ignore <IGNORE>  Glob of files that are not workers, such as '**/node_modules/**';
			                         repeat it for more
			      --cors <ORIGIN>    Origin to allow in Access-Control-Allow-Origin on worker answers
			                         that do not set it ('*' for any); repeat it for more
			      --enable-panel     Serve the wws management API at /_api/v0/workers
			                         (the admin panel itself is not included)
			      --watch            Reload workers whose files change, without a restart
			                         (not in wws 1.7)
			  -h, --help             Print this help
			  -V, --version          Print the version

			Not supported here (exit code 2): the runtimes subcommand, -i/--install-runtimes,
			git projects and the --git-* options.

			Any Spring Boot or wasm.workers.* property may follow as --name=value, and wins over the
			option above that sets the same property: for example --wasm.workers.timeout=10s,
			--logging.level.root=info, or --spring.main.banner-mode=console for Spring's banner.
			""".formatted(WasmWorkersServer.PROGRAM);

	private ServerHelp() {
	}

}
