package dev.wasmworkers.server;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The options of wws 1.7's command line, each with what it does to the command being
 * built; a new option is one more constant.
 */
enum WwsOption {

	/** {@code --host <HOSTNAME>}: the address to listen on. */
	HOST(List.of("--host"), "<HOSTNAME>", (command, value) -> command.host(value)),

	/** {@code -p, --port <PORT>}: the port to listen on. */
	PORT(List.of("-p", "--port"), "<PORT>", (command, value) -> command.port(value)),

	/** {@code --prefix <PREFIX>}: the path prefix of every route. */
	PREFIX(List.of("--prefix"), "<PREFIX>", (command, value) -> command.prefix(value)),

	/** {@code --ignore <IGNORE>}, repeatable: a glob of files that are not workers. */
	IGNORE(List.of("--ignore"), "<IGNORE>", (command, value) -> command.ignore(value)),

	/** {@code --cors <ORIGIN>}, repeatable: an allowed origin. */
	CORS(List.of("--cors"), "<ORIGIN>", (command, value) -> command.cors(value)),

	/**
	 * {@code --watch}: reload workers whose files change, without a restart (not a wws
	 * 1.7 option).
	 */
	WATCH(List.of("--watch"), null, (command, value) -> command.watch()),

	/** {@code --enable-panel}: serve the management API. */
	ENABLE_PANEL(List.of("--enable-panel"), null, (command, value) -> command.enablePanel()),

	/** {@code -h, --help}: print the help. */
	HELP(List.of("-h", "--help"), null, (command, value) -> command.help()),

	/** {@code -V, --version}: print the version. */
	VERSION(List.of("-V", "--version"), null, (command, value) -> command.version()),

	/** {@code -i, --install-runtimes}: not supported here. */
	INSTALL_RUNTIMES(List.of("-i", "--install-runtimes"), null,
			(command, value) -> command.refuse("--install-runtimes is not supported: " + WwsOption.NO_RUNTIMES)),

	/** {@code --git-commit <SHA>}: not supported here. */
	GIT_COMMIT(List.of("--git-commit"), "<SHA>", (command, value) -> command.refuse(gitMessage("--git-commit"))),

	/** {@code --git-tag <TAG>}: not supported here. */
	GIT_TAG(List.of("--git-tag"), "<TAG>", (command, value) -> command.refuse(gitMessage("--git-tag"))),

	/** {@code --git-branch <BRANCH>}: not supported here. */
	GIT_BRANCH(List.of("--git-branch"), "<BRANCH>", (command, value) -> command.refuse(gitMessage("--git-branch"))),

	/** {@code --git-folder}: not supported here. */
	GIT_FOLDER(List.of("--git-folder"), "<DIR>", (command, value) -> command.refuse(gitMessage("--git-folder")));

	/**
	 * Why runtimes are not installed, for {@code --install-runtimes} and
	 * {@code runtimes}.
	 */
	static final String NO_RUNTIMES = "this server installs no language runtimes (JavaScript and Python workers run"
			+ " on the built-in engines)";

	/** Why git projects are refused, for the git options and a git URL as the path. */
	static final String GIT_PROJECTS = "git projects are not served: clone the repository and pass its folder as"
			+ " PATH";

	private final List<String> names;

	private final String valueName;

	private final BiConsumer<ServerCommand.Builder, String> action;

	WwsOption(List<String> names, String valueName, BiConsumer<ServerCommand.Builder, String> action) {
		this.names = names;
		this.valueName = valueName;
		this.action = action;
	}

	/** The option with this name, such as {@code -p} or {@code --port}. */
	static Optional<WwsOption> named(String name) {
		return Arrays.stream(values()).filter((option) -> option.names.contains(name)).findFirst();
	}

	/** Whether the option takes a value. */
	boolean takesValue() {
		return this.valueName != null;
	}

	/** How the option is written in messages, such as {@code --port <PORT>}. */
	String usage() {
		String longName = this.names.get(this.names.size() - 1);
		return takesValue() ? longName + " " + this.valueName : longName;
	}

	/** Applies the option, with its value when it takes one, to the command. */
	void apply(ServerCommand.Builder command, String value) {
		this.action.accept(command, value);
	}

	private static String gitMessage(String option) {
		return option + " is not supported: " + GIT_PROJECTS;
	}

}
